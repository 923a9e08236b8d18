// `npm run package`: kvx as one executable that needs no Node on the machine it runs on — a
// Node single executable application (SEA). The whole CLI, emulator included, is bundled into
// one CommonJS file (a SEA runs one script and cannot import files), Node turns it into a
// blob with V8's code cache (so the first frame is not slower than `node bin/kvx.js`), and
// postject injects the blob into a copy of the Node binary that `npm ci` installed.
//
//   node scripts/package.js [--out DIR]     writes DIR/kvx-linux-<arch> (default DIR: release/)
//
// Only the host's architecture is built: the code cache is V8 machine code for the Node that
// made it, so a blob for another architecture would need that architecture's Node to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleScript, root } from './bundle.js';

/** The fuse Node's binary carries to say "a SEA blob may be injected here". */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The Node that `npm ci` installed (package "node"), whatever Node runs this script. */
export const baseNode = path.join(root, 'node_modules', 'node', 'bin', 'node');

export async function packageExecutable({ outDir = path.join(root, 'release') } = {}) {
  if (process.platform !== 'linux') throw new Error(`npm run package builds Linux executables; this is ${process.platform}`);
  const arch = process.arch;
  const work = path.join(outDir, `.sea-${arch}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const main = path.join(work, 'kvx.cjs');
  const blob = path.join(work, 'kvx.blob');
  const config = path.join(work, 'sea-config.json');
  const output = path.join(outDir, `kvx-linux-${arch}`);

  await bundleScript({ outfile: main, wrapped: false });
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }, null, 2));
  // The blob (and its code cache) must come from the very Node it is injected into.
  execFileSync(baseNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });

  rmSync(output, { force: true });
  copyFileSync(baseNode, output);
  chmodSync(output, 0o755);
  // Node's binary carries its debug symbols (~18 MB); the file copied to a VM needs none.
  // Without binutils' strip the file is only larger.
  const stripped = spawnSync('strip', ['--strip-all', output], { stdio: 'ignore' }).status === 0;
  const { inject } = createRequire(import.meta.url)('postject');
  // LIEF (inside postject) warns once per note section of Node's binary it cannot name:
  // expected and harmless, so only those lines are dropped.
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/Can't find string offset for section name/.test(String(args[0]))) warn(...args);
  };
  try {
    await inject(output, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
  } finally {
    console.warn = warn;
  }
  const bundleBytes = statSync(blob).size;
  rmSync(work, { recursive: true, force: true });
  return { file: output, bytes: statSync(output).size, bundleBytes, stripped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
  const { file, bytes, bundleBytes, stripped } = await packageExecutable({ outDir });
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const note = stripped ? '' : '; Node not stripped: no `strip` on PATH';
  process.stdout.write(`${path.relative(process.cwd(), file)}: ${mb(bytes)} (kvx blob with code cache ${mb(bundleBytes)}${note})\n`);
}
