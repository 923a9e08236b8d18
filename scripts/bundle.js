// How kvx is bundled, with esbuild: one CommonJS script holding all of it (bundleScript),
// which bin/kvx.js runs through a small launcher (src/launch/) that keeps V8's code cache of
// it, and which the single executable runs as its main script. Only what the first frame
// needs (Ink, React, the shell) is evaluated before it: the runtime (store and Azure SDK) and
// the emulator (X.509, PKCS#12, ECDSA, the demo seed) are reached through dynamic imports,
// so their modules are evaluated when first imported, and a real-vault user never evaluates
// the emulator.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The script's entry, and the launcher's (what bin/kvx.js imports to run the script). */
export const entries = {
  cli: 'src/cli.tsx',
  launcher: 'src/launch/launcher.ts',
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
 * Rewrites a dependency's file as it is bundled, failing the build loudly when the text it
 * expects is gone (an upgrade changed the file: look again).
 */
function patch(name, filter, edits) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, async (args) => {
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

// yoga-layout (Ink's layout engine) carries its WebAssembly inline as base64 but reads it
// with fetch() whenever fetch exists, and the first fetch() loads Node's whole HTTP client:
// ~40 ms of CPU before the first frame. Its own base64 decoder does the same job.
const yogaWithoutFetch = patch('yoga-without-fetch', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
  ['"function"!=typeof fetch?Promise.resolve().then(function(){return wa()})', 'true?Promise.resolve().then(function(){return wa()})'],
]);

// Ink keeps the widths and styled characters of the text it draws in caches made anew for
// every frame, so each frame measures every character again (a Unicode-property regex per
// character): most of a keypress's CPU on a screen that barely changed. The text → result
// caches are pure, so a frame starts with what the frame before it drew: one generation per
// frame, carried over entry by entry when drawn again. Text that left the screen is dropped
// with the frame after, young: a cache that kept it for thousands of entries had the rows
// of every filter keystroke (an object per character) promoted to the old generation, and
// at 50,000 items each full collection of it cost a keypress 10–25 ms. The grid a frame is
// composed on starts as one shared blank cell (Ink replaces cells, never changes them), not
// an object and an array per cell.
export const inkOutputPatch = patch('ink-caches-across-frames', /[\\/]ink[\\/]build[\\/]output\.js$/, [
  [
    'class OutputCaches {',
    [
      'let kvxPrevious;',
      'let kvxCurrent;',
      'const kvxOutputCaches = () => {',
      '    kvxPrevious = kvxCurrent;',
      '    kvxCurrent = new OutputCaches();',
      '    return kvxCurrent;',
      '};',
      'const kvxCarried = (cache, map, key) => {',
      '    const value = kvxPrevious?.[map].get(key);',
      '    if (value !== undefined) cache[map].set(key, value);',
      '    return value;',
      '};',
      'const kvxIgnorable = /^\\p{Default_Ignorable_Code_Point}+$/u;',
      "const kvxBlank = { type: 'char', value: ' ', fullWidth: false, styles: [] };",
      'let kvxRows = [];',
      'let kvxRowTexts = [];',
      'const kvxSameCells = (before, line) => {',
      '    if (before === undefined || before.length !== line.length) return false;',
      '    for (let x = 0; x < line.length; x++) if (before[x] !== line[x]) return false;',
      '    return true;',
      '};',
      'class OutputCaches {',
    ].join('\n'),
  ],
  ['let cached = this.styledChars.get(line);', "let cached = this.styledChars.get(line) ?? kvxCarried(this, 'styledChars', line);"],
  ['let cached = this.widths.get(text);', "let cached = this.widths.get(text) ?? kvxCarried(this, 'widths', text);"],
  ['let cached = this.blockWidths.get(text);', "let cached = this.blockWidths.get(text) ?? kvxCarried(this, 'blockWidths', text);"],
  ['!/^\\p{Default_Ignorable_Code_Point}+$/u.test(character.value)', '!kvxIgnorable.test(character.value)'],
  [
    "row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
    'row.push(kvxBlank);',
  ],
  ['caches = new OutputCaches();', 'caches = kvxOutputCaches();'],
  // A one-line text is its own line: Ink split it into styled characters and joined them
  // back into the same line, and a line inside its clip was cut to its full width, each a
  // string rebuilt character by character (a third of a frame's allocations).
  // A text of several lines (a box's side border is one, drawn every frame) is split into
  // its lines once and carried like the other caches, not rebuilt character by character
  // in every frame (a tenth of a filter keystroke's allocations at 50,000 items).
  ['styledChars = new Map();', 'styledChars = new Map();\n    styledLines = new Map();'],
  [
    'const characterLines = [[]];\n        for (const character of this.caches.getStyledChars(text)) {',
    [
      "const kvxOneLine = !text.includes('\\n');",
      "        const kvxLines = kvxOneLine ? undefined : this.caches.styledLines.get(text) ?? kvxCarried(this.caches, 'styledLines', text);",
      '        const characterLines = [[]];',
      '        for (const character of kvxOneLine || kvxLines ? [] : this.caches.getStyledChars(text)) {',
    ].join('\n'),
  ],
  [
    'let lines = characterLines.map(line => styledCharsToString(line));',
    'let lines = kvxOneLine ? [text] : kvxLines ?? this.caches.styledLines.set(text, characterLines.map(line => styledCharsToString(line))).get(text);',
  ],
  ['return this.sliceLineToColumns(line, from, to);', 'return from === 0 && to === width ? line : this.sliceLineToColumns(line, from, to);'],
  // A screen line whose cells are the very cells of the frame before (a cell is never
  // changed, only replaced) is the same text: the header, the footer, the borders and the
  // rows a keystroke did not move are not joined again cell by cell.
  [
    "const generatedOutput = output\n            .map(line => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n            const lineWithoutEmptyItems = line.filter(item => item !== undefined);\n            return styledCharsToString(lineWithoutEmptyItems).trimEnd();\n        })\n            .join('\\n');",
    [
      'const kvxTexts = [];',
      '        for (let y = 0; y < output.length; y++) {',
      '            const line = output[y];',
      '            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742',
      '            kvxTexts.push(kvxSameCells(kvxRows[y], line) ? kvxRowTexts[y] : styledCharsToString(line.filter(item => item !== undefined)).trimEnd());',
      '        }',
      '        kvxRows = output;',
      '        kvxRowTexts = kvxTexts;',
      "        const generatedOutput = kvxTexts.join('\\n');",
    ].join('\n'),
  ],
  // Indexed loops: the composer's for-of loops and entries() made an iterator (and a result
  // object per step, until optimized) for every character of every line of every frame.
  ['for (let [index, line] of lines.entries()) {', 'for (let index = 0; index < lines.length; index++) {\n            let line = lines[index];'],
  ['for (const character of characters) {', 'for (let kvxAt = 0; kvxAt < characters.length; kvxAt++) {\n                const character = characters[kvxAt];'],
  [
    'for (const character of this.caches.getStyledChars(line)) {',
    'const kvxChars = this.caches.getStyledChars(line);\n        for (let kvxAt = 0; kvxAt < kvxChars.length; kvxAt++) {\n            const character = kvxChars[kvxAt];',
  ],
]);

// Ink compares the old and new props (and style) of every element React updates, each frame,
// through Object.keys and Object.entries: an array, and an array per property, for each of
// the ~60 elements a keypress re-renders (a tenth of a frame's allocations). The same walk
// over own properties, without them.
export const inkReconcilerPatch = patch('ink-reconciler-without-entries', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, [
  ['for (const key of Object.keys(before)) {', 'for (const key in before) {\n        if (!Object.hasOwn(before, key))\n            continue;'],
  ['for (const [key, value] of Object.entries(after)) {', 'for (const key in after) {\n            if (!Object.hasOwn(after, key))\n                continue;\n            const value = after[key];'],
  ['for (const [key, value] of Object.entries(props)) {', 'for (const key in props) {\n                if (!Object.hasOwn(props, key))\n                    continue;\n                const value = props[key];'],
]);

// jsonwebtoken (MSAL's, for certificate credentials) asks semver at load whether this Node is
// at least 8, 15.7 or 16.9: semver builds ~40 regexes on the way to the first request of any
// sign-in. kvx runs on Node 22 or newer (bin/kvx.js refuses older), so each answer is yes.
const jsonwebtokenWithoutSemver = {
  name: 'jsonwebtoken-without-semver',
  setup(b) {
    b.onLoad({ filter: /[\\/]jsonwebtoken[\\/]lib[\\/](asymmetricKeyDetailsSupported|psSupported|rsaPssKeyDetailsSupported)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/^\s*module\.exports = semver\.satisfies\(process\.version, '[^']+'\);\s*$/m.test(source)) {
        throw new Error(`${args.path}: expected a semver check of process.version (jsonwebtoken-without-semver); update scripts/bundle.js`);
      }
      return { contents: 'module.exports = true;', loader: 'js' };
    });
  },
};

// Every request of the Azure SDK asks whether its body is a FormData, and the first look at
// the global FormData loads undici, Node's fetch (~15 ms of CPU, ~40 ms in a fresh process),
// on the way to kvx's first request. Only an object can be a FormData: ask that first, and
// the bodies kvx sends (none, or JSON text) never touch the global.
const formDataOnlyForObjects = patch('form-data-only-for-objects', /[\\/]@typespec[\\/]ts-http-runtime[\\/]dist[\\/]esm[\\/](formData|client[\\/]sendRequest)\.js$/, [
  ['typeof FormData !== "undefined" && body instanceof FormData', 'typeof body === "object" && body !== null && typeof FormData !== "undefined" && body instanceof FormData'],
]);

// Ink and its helpers (wrap-ansi, cli-truncate, widest-line, slice-ansi) measure text with
// string-width, whose path for anything beyond ASCII costs ~6 ms before the first frame and
// more on every frame with box drawing or "…" in it. They get kvx's string-width instead: the
// same widths (test/text/string-width.test.ts), with a fast path for the characters kvx draws.
const OWN_STRING_WIDTH = path.join(root, 'src/text/string-width.ts');
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) => (args.importer === OWN_STRING_WIDTH ? undefined : { path: OWN_STRING_WIDTH }));
  },
};

// Every Node built-in comes through require(): the script has no ESM import at all (a SEA
// has no ESM loader). That also keeps node:http's namespace unread: its lazy getters
// (WebSocket, MessageEvent, …) load undici, ~25 ms of CPU before the first request.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const VIA_REQUIRE = 'kvx-require';
function builtinsViaRequire() {
  return {
    name: 'builtins-via-require',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === VIA_REQUIRE) return { path: args.path, external: true };
        // react-devtools-core: Ink's DEV=true bridge, never installed; require() fails in place.
        if (builtins.has(args.path) || args.path === 'react-devtools-core') return { path: args.path, namespace: VIA_REQUIRE };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: VIA_REQUIRE }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

// The single executable runs one CommonJS script, and CommonJS has no top-level await —
// which kvx's entry and two dependencies (Ink, yoga-layout) use. So the whole CLI is bundled
// as one ESM file whose only imports are Node built-ins (require() calls, as above), and the
// body runs inside an async function: top-level await keeps working, and no import() or
// import.meta is left (neither exists in a SEA; in dist/ the launcher runs it as a script).
/** What import.meta is in the script: the script file itself. */
const importMetaShim = `const __kvxImportMeta = {
  url: require('node:url').pathToFileURL(__filename).href,
  filename: __filename,
  dirname: require('node:path').dirname(__filename),
  resolve(specifier) {
    throw Object.assign(new Error(\`Cannot find module '\${specifier}' in the kvx script\`), { code: 'ERR_MODULE_NOT_FOUND' });
  },
};`;

/** The last line of the script: a hash of everything before it (its code cache is kept under it). */
export const SCRIPT_HASH_PREFIX = '// kvx-script ';

/**
 * One script holding everything, dynamic imports included: what bin/kvx.js runs (through
 * src/launch/, with V8's code cache taken after the first rows) and what the single
 * executable runs. A module reached only by a dynamic import (the runtime, the emulator) is
 * evaluated when it is imported, as with separate files. The text is ASCII: one character
 * beyond it anywhere (a "×" in a comment) makes V8 hold the whole 4 MB source as two-byte
 * text, ~15 ms more to read at every start and slower to parse.
 *
 * `wrapped` (dist/): the file is one expression, the function Node would wrap a CommonJS
 * module in, so the launcher compiles the text as read. Node reads ASCII this large into a
 * string outside V8's heap; wrapping it at run time made a 4 MB copy inside, and the bigger
 * heap brought collections into idle time (50–70 ms of CPU over 10 s idle after 1,000 keys).
 * The single executable's main script is the unwrapped body: Node wraps it.
 */
export async function bundleScript({ outfile, sourcemap = false, wrapped = true }) {
  const result = await build({
    ...common,
    entryPoints: [path.join(root, entries.cli)],
    format: 'esm',
    write: false,
    outfile,
    sourcemap: sourcemap ? 'external' : false,
    sourcesContent: false,
    charset: 'ascii',
    define: { ...common.define, 'import.meta': '__kvxImportMeta' },
    plugins: [builtinsViaRequire(), yogaWithoutFetch, inkOutputPatch, inkReconcilerPatch, jsonwebtokenWithoutSemver, formDataOnlyForObjects, fastStringWidth],
  });
  const body = result.outputFiles.find((f) => !f.path.endsWith('.map')).text;
  if (/^(import|export)[\s{*]/m.test(body) || /\bimport\.meta\b/.test(body)) {
    throw new Error('the kvx script still has an import, export or import.meta: see scripts/bundle.js');
  }
  // esbuild escapes what is beyond ASCII in code; what is left is in comments.
  const ascii = body.replace(/[^\t\n\r\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const map = sourcemap ? result.outputFiles.find((f) => f.path.endsWith('.map')) : undefined;
  const mapping = map ? `//# sourceMappingURL=${path.basename(outfile)}.map\n` : '';
  // An error escaping the top level ends the process as an uncaught exception, as it would
  // from an ES module. Everything up to the body shares its first line, so the map's lines hold.
  let script = `'use strict';${importMetaShim.replace(/\n/g, ' ')}(async function kvx() {${ascii}\n})().catch((error) => {\n  process.nextTick(() => {\n    throw error;\n  });\n});\n`;
  if (wrapped) script = `(function (exports, require, module, __filename, __dirname) {${script}})\n`;
  script += mapping;
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 32);
  await mkdir(path.dirname(outfile), { recursive: true });
  await writeFile(outfile, `${script}${SCRIPT_HASH_PREFIX}${hash}\n`);
  if (map) await writeFile(`${outfile}.map`, map.text);
  return result;
}

/**
 * The launcher: a small ES module (Node built-ins only) that runs the script with V8's code
 * cache of it (src/launch/).
 */
export async function bundleLauncher({ outfile }) {
  return build({ ...common, entryPoints: [path.join(root, entries.launcher)], outfile, format: 'esm', sourcemap: false });
}
