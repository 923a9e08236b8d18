// `npm run build` / `prepack`: the ESM bundles in dist/ (see scripts/bundle.js for how they
// are split). Source maps only when asked for — `--sourcemap` or KVX_SOURCEMAP=1 — so the
// npm package ships what runs and nothing else.
//   node scripts/build.js [--sourcemap] [--outdir DIR] [--metafile FILE]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleSplit, root } from './bundle.js';

const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? path.resolve(args[i + 1]) : undefined;
};
const result = await bundleSplit({
  outdir: valueOf('--outdir') ?? path.join(root, 'dist'),
  sourcemap: args.includes('--sourcemap') || process.env.KVX_SOURCEMAP === '1',
});
// esbuild's account of which sources went into which file (test/ship checks the split).
const metafile = valueOf('--metafile');
if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
