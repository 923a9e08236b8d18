// `npm run build` / `prepack`: the ESM bundles in dist/ (see scripts/bundle.js for how they
// are split). Source maps only when asked for — `--sourcemap` or KVX_SOURCEMAP=1 — so the
// npm package ships what runs and nothing else.
import path from 'node:path';
import { bundleSplit, root } from './bundle.js';

const args = process.argv.slice(2);
const i = args.indexOf('--outdir');
await bundleSplit({
  outdir: i >= 0 ? path.resolve(args[i + 1]) : path.join(root, 'dist'),
  sourcemap: args.includes('--sourcemap') || process.env.KVX_SOURCEMAP === '1',
});
