// What the build makes of kvx (scripts/bundle.js): one script, read here through esbuild's
// metafile of a real build. Only what the first frame needs is evaluated before it — the
// runtime (store, Azure SDK) and the emulator are reached through dynamic imports, so their
// modules are evaluated when first imported — and a real-vault user never evaluates the
// emulator. test/ship/script-loading.test.ts watches the same from inside a running kvx.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCRIPT_HASH_PREFIX, scriptHash } from '../../src/launch/launcher.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Input {
  imports: { path: string; kind: string; external?: boolean }[];
}
interface Metafile {
  inputs: Record<string, Input>;
}

describe('the kvx script', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-bundles-'));
  const outdir = path.join(dir, 'dist');
  let inputs: Record<string, Input> = {};
  let script = '';
  let built: string[] = [];

  before(() => {
    const metafile = path.join(dir, 'meta.json');
    execFileSync(process.execPath, ['scripts/build.js', '--outdir', outdir, '--metafile', metafile], { cwd: root, stdio: 'inherit' });
    inputs = (JSON.parse(readFileSync(metafile, 'utf8')) as Metafile).inputs;
    script = readFileSync(path.join(outdir, 'kvx.cjs'), 'latin1');
    built = readdirSync(outdir).sort();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sources evaluated when `from` is: itself and what it imports statically, transitively. */
  const staticClosure = (from: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !inputs[name]) return;
      seen.add(name);
      for (const i of inputs[name].imports) if (i.kind !== 'dynamic-import' && !i.external) visit(i.path);
    };
    visit(from);
    return seen;
  };
  const dynamicImports = (from: string) => inputs[from].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);

  test('dist/ holds the script and its launcher, nothing else', () => {
    assert.deepEqual(built, ['kvx.cjs', 'launcher.js']);
  });

  test('the first frame (src/cli.tsx and what it imports statically) holds no Azure SDK, store client or emulator code', () => {
    const first = [...staticClosure('src/cli.tsx')];
    assert.ok(first.some((i) => i.includes('node_modules/ink/')), 'Ink is in the first frame');
    assert.deepEqual(first.filter((i) => /node_modules\/(@azure|@typespec)\//.test(i)), []);
    assert.deepEqual(first.filter((i) => i.startsWith('src/emulator/')), []);
    assert.deepEqual(first.filter((i) => i === 'src/runtime.ts' || i === 'src/store/create-store.ts'), []);
  });

  test('the runtime and `kvx emulator` are reached only through dynamic imports', () => {
    assert.deepEqual(dynamicImports('src/load-runtime.ts'), ['src/runtime.ts']);
    assert.deepEqual(dynamicImports('src/cli.tsx'), ['src/emulator/main.ts']);
  });

  test('the runtime a real-vault user loads holds no emulator code; --demo reaches it by a dynamic import', () => {
    const runtime = [...staticClosure('src/runtime.ts')];
    assert.ok(runtime.includes('src/store/create-store.ts'));
    assert.ok(runtime.some((i) => i.includes('node_modules/@azure/keyvault-secrets/')));
    assert.deepEqual(runtime.filter((i) => i.startsWith('src/emulator/')), []);
    assert.ok(dynamicImports('src/runtime.ts').includes('src/emulator/index.ts'));
  });

  test('no Node built-in is imported as an ES module (node:http\'s namespace reads lazy getters that load undici, ~25 ms before the first request): all come through require()', () => {
    const esm = Object.entries(inputs).flatMap(([name, i]) => i.imports.filter((x) => x.kind === 'import-statement' && x.external).map((x) => `${name}: ${x.path}`));
    assert.deepEqual(esm, []);
    assert.match(script, /require\("node:http"\)/);
    assert.doesNotMatch(script, /^(import|export)[\s{*]/m);
  });

  test("no semver in the script: jsonwebtoken's checks of the Node version (MSAL's, evaluated before any sign-in) are answered at build time", () => {
    assert.deepEqual(Object.keys(inputs).filter((i) => /node_modules[\\/]semver[\\/]/.test(i)), []);
    assert.ok(Object.keys(inputs).some((i) => /jsonwebtoken[\\/]lib[\\/]psSupported\.js$/.test(i)), 'jsonwebtoken is still bundled (MSAL needs it)');
  });

  test('the script is ASCII (one character beyond it makes V8 hold all 4 MB as two-byte text) and ends with the hash of what precedes it', () => {
    const beyond = [...script.matchAll(/[^\t\n\r\x20-\x7e]/g)].map((m) => script.slice(Math.max(0, m.index - 30), m.index + 10));
    assert.deepEqual(beyond, []);
    const hash = scriptHash(script);
    assert.ok(hash, 'the script has a hash line');
    const body = script.slice(0, script.lastIndexOf(SCRIPT_HASH_PREFIX));
    assert.equal(hash, createHash('sha256').update(body).digest('hex').slice(0, 32));
    assert.ok(script.endsWith(`${SCRIPT_HASH_PREFIX}${hash}\n`));
  });

  test("Ink's frame composer in the script is the patched one (ink-output-patch.test.ts): an unchanged line is not measured again on every keypress", () => {
    // The carried-over lookup: `this.styledChars.get(line) ?? kvxCarried(this, "styledChars", line)`.
    assert.match(script, /\.styledChars\.get\(\w+\)\s*\?\?\s*\w+\(this,\s*"styledChars",\s*\w+\)/);
  });
});
