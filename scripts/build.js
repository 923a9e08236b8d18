// Bundles the CLI with esbuild. Each entry is its own file: `cli.js` holds only what the
// first frame needs (Ink, React, the shell); the store, the Azure SDK and the emulator load
// after it through dynamic imports of the other entries, which stay separate files.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entries = {
  cli: 'src/cli.tsx',
  runtime: 'src/runtime.ts',
  'emulator-main': 'src/emulator/main.ts',
};
const entryFiles = new Map(Object.entries(entries).map(([name, file]) => [path.join(root, file), name]));

/** Keeps a dynamic import of another entry as an import of its built file, not inlined. */
const separateEntries = {
  name: 'separate-entries',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (args.path === './devtools.js' && args.importer.includes(`${path.sep}ink${path.sep}`)) {
        return { path: 'ink/build/devtools.js', external: true };
      }
      const target = path.join(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const name = entryFiles.get(target);
      if (!name) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

const existing = Object.fromEntries(
  await Promise.all(
    Object.entries(entries).map(async ([name, file]) => {
      const { access } = await import('node:fs/promises');
      try {
        await access(path.join(root, file));
        return [name, file];
      } catch {
        return [name, null];
      }
    }),
  ),
);

await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(existing).filter(([, f]) => f)),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  jsx: 'automatic',
  // Ink loads its devtools bridge only when DEV=true and react-devtools-core is installed;
  // keep that dynamic import out of the bundle instead of inlining its static imports.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some SDK dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kvxCreateRequire } from 'node:module'; const require = __kvxCreateRequire(import.meta.url);",
  },
  plugins: [separateEntries],
  logLevel: 'warning',
});
