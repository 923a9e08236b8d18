#!/usr/bin/env node
// Thin launcher: checks the Node version before anything else loads, then runs the bundled CLI.
import { existsSync } from 'node:fs';
import module from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `kvx needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Inside the repository, `npm start` runs it on the Node that `npm ci` installed; ' +
      'elsewhere install Node 22+ and try again.\n',
  );
  process.exit(1);
}
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('kvx is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
// V8's code cache for the bundle (Node >= 22.1): later starts skip most of the parsing.
module.enableCompileCache?.();
await import(cli.href);
