// `npm run build` / `prepack`: dist/kvx.cjs, the whole CLI as one script, and dist/launcher.js,
// which bin/kvx.js imports to run it (see scripts/bundle.js). Source maps only when asked for
// — `--sourcemap` or KVX_SOURCEMAP=1 — so the npm package ships what runs and nothing else.
//   node scripts/build.js [--sourcemap] [--outdir DIR] [--metafile FILE]
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleLauncher, bundleScript, root } from './bundle.js';

const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? path.resolve(args[i + 1]) : undefined;
};
const outdir = valueOf('--outdir') ?? path.join(root, 'dist');
// Emptied first: no stale file is left to be packed.
rmSync(outdir, { recursive: true, force: true });
const [script] = await Promise.all([
  bundleScript({ outfile: path.join(outdir, 'kvx.cjs'), sourcemap: args.includes('--sourcemap') || process.env.KVX_SOURCEMAP === '1' }),
  bundleLauncher({ outfile: path.join(outdir, 'launcher.js') }),
]);
// esbuild's account of the script's modules and their imports (test/ship checks what is
// reached only through dynamic imports).
const metafile = valueOf('--metafile');
if (metafile) writeFileSync(metafile, JSON.stringify(script.metafile));
