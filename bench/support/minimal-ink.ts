// The minimal Ink app baseline (bench/fixtures/minimal-ink.mjs), bundled the way kvx's CLI
// is (one ESM file, React in production mode), so a cold-start ratio compares like with like.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

let built: Promise<string> | undefined;

/** The path of the launcher of the bundled baseline app (Node's compile cache on, as a small Ink app would have it), built once per run. */
export function minimalInkApp(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(root, '.kvx-test', 'bench');
    const outfile = path.join(dir, 'minimal-ink.js');
    await build({
      absWorkingDir: root,
      entryPoints: ['bench/fixtures/minimal-ink.mjs'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['react-devtools-core'],
      // As scripts/build.js: Ink's devtools bridge (DEV=true only) stays out of the bundle.
      plugins: [
        {
          name: 'ink-devtools-external',
          setup: (b) => b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (args.kind === 'dynamic-import' ? { path: 'ink/build/devtools.js', external: true } : undefined)),
        },
      ],
      define: { 'process.env.NODE_ENV': '"production"' },
      // Ink's CommonJS dependencies call require(); an ESM bundle needs it defined.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    const launcher = path.join(dir, 'minimal-ink-launch.mjs');
    writeFileSync(launcher, "import module from 'node:module';\nmodule.enableCompileCache?.();\nawait import('./minimal-ink.js');\n");
    return launcher;
  })();
  return built;
}
