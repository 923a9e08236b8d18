#!/usr/bin/env node
// Thin launcher: checks the Node version before anything else loads, then runs the bundled CLI
// (dist/kvx.cjs) through dist/launcher.js, which keeps V8's code cache of it (src/launch/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `kvx needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Inside the repository, `npm start` runs it on the Node that `npm ci` installed; ' +
      'elsewhere install Node 22+ and try again.\n',
  );
  process.exit(1);
}
const script = fileURLToPath(new URL('../dist/kvx.cjs', import.meta.url));
const launcher = new URL('../dist/launcher.js', import.meta.url);
if (!existsSync(script) || !existsSync(launcher)) {
  process.stderr.write('kvx is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
const { launch } = await import(launcher.href);
launch(script);
