// The two ways kvx is bundled, both with esbuild:
// - bundleSplit: ESM with esbuild's code splitting, for `bin/kvx.js` and the npm package.
//   `cli.js` holds only what the first frame needs (Ink, React, the shell); the runtime (store
//   and Azure SDK) and the emulator (X.509, PKCS#12, ECDSA, the demo seed) are entries of their
//   own that cli.js reaches through dynamic imports, and code they share lands in chunks/.
//   A real-vault user never loads the emulator; `--demo` and `kvx emulator` share its chunk.
// - bundleSingle: one CommonJS file with every dynamic import inlined, for the single
//   executable (a Node SEA runs one script and cannot import files).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Entry name → source. Stable names: tests and the launcher refer to them. */
export const entries = {
  cli: 'src/cli.tsx',
  runtime: 'src/runtime.ts',
  emulator: 'src/emulator/index.ts',
  'emulator-main': 'src/emulator/main.ts',
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  // Ink loads its devtools bridge only when DEV=true and react-devtools-core is installed.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
};

/**
 * ESM bundles with code splitting into `outdir` (emptied first, so no stale chunk or map is
 * left to be packed). Source maps only when asked for.
 */
export async function bundleSplit({ outdir = path.join(root, 'dist'), sourcemap = false } = {}) {
  await rm(outdir, { recursive: true, force: true });
  return build({
    ...common,
    entryPoints: entries,
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: sourcemap ? 'linked' : false,
    // Some SDK dependencies are CommonJS and call require(); give every ESM file one.
    banner: {
      js: "import { createRequire as __kvxCreateRequire } from 'node:module'; const require = __kvxCreateRequire(import.meta.url);",
    },
  });
}

/**
 * Rewrites a dependency's file for the single executable, failing the build loudly when the
 * text it expects is gone (an upgrade changed the file: look again).
 */
function patch(name, filter, edits) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        let source = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!source.includes(from)) throw new Error(`${args.path}: expected text is gone (${name}); update scripts/bundle.js`);
          source = source.split(from).join(to);
        }
        return { contents: source, loader: 'js' };
      });
    },
  };
}

// CommonJS has no top-level await, and two dependencies use it:
// - Ink's reconciler awaits its devtools only when DEV=true; a single executable has no
//   react-devtools-core to connect, so that branch becomes dead code and drops out.
const inkWithoutDevtools = patch('ink-without-devtools', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, [
  ["process.env['DEV'] === 'true'", 'false'],
]);
// - yoga-layout awaits its WebAssembly; the wasm is inlined as base64, so it can be compiled
//   synchronously: Emscripten's instantiateWasm hook hands over the instance at once, and the
//   module object is initialised before loadYoga() returns.
const yogaSync = [
  patch('yoga-sync-loader', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
    ['if(h.instantiateWasm)try{', 'if(h.kvxSync){a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d));return{}}if(h.instantiateWasm)try{'],
  ]),
  patch('yoga-sync-index', /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, [
    ['const Yoga = wrapAssembly(await loadYoga());', 'const kvxYoga = { kvxSync: true };\nloadYoga(kvxYoga);\nconst Yoga = wrapAssembly(kvxYoga);'],
  ]),
];

/** One CommonJS file holding everything, dynamic imports included, for the SEA. */
export async function bundleSingle({ outfile }) {
  return build({
    ...common,
    entryPoints: [path.join(root, entries.cli)],
    outfile,
    format: 'cjs',
    // esbuild keeps import() of external modules (node: built-ins) as is; in a SEA with a
    // code cache import() is not available, so make every one a require().
    supported: { 'dynamic-import': false },
    sourcemap: false,
    plugins: [inkWithoutDevtools, ...yogaSync],
  });
}
