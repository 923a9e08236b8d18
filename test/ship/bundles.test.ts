// How the build splits kvx (scripts/bundle.js), read from esbuild's metafile of a real build:
// the first frame loads Ink, React and the shell only; a real-vault user loads the runtime
// without the emulator; the emulator is one lazily loaded chunk that `--demo` and
// `kvx emulator` share.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Output {
  bytes: number;
  entryPoint?: string;
  imports: { path: string; kind: string; external?: boolean }[];
  inputs: Record<string, { bytesInOutput: number }>;
}
interface Metafile {
  outputs: Record<string, Output>;
}

describe('the split bundles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-bundles-'));
  const outdir = path.join(dir, 'dist');
  let outputs: Map<string, Output>;
  let cliSource = '';

  before(() => {
    const metafile = path.join(dir, 'meta.json');
    execFileSync(process.execPath, ['scripts/build.js', '--outdir', outdir, '--metafile', metafile], { cwd: root, stdio: 'inherit' });
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
    // Output paths are relative to the repository; key them by their path inside outdir.
    outputs = new Map(Object.entries(meta.outputs).map(([p, o]) => [path.relative(outdir, path.resolve(root, p)), o]));
    cliSource = readFileSync(path.join(outdir, 'cli.js'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string): Output => {
    const o = outputs.get(name);
    assert.ok(o, `${name} is built (outputs: ${[...outputs.keys()].join(', ')})`);
    return o;
  };
  /** Outputs loaded when `name` is imported: itself and its static imports, transitively. */
  const staticClosure = (name: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (n: string) => {
      if (seen.has(n)) return;
      seen.add(n);
      for (const i of file(n).imports) if (i.kind === 'import-statement' && !i.external) visit(path.relative(outdir, path.resolve(root, i.path)));
    };
    visit(name);
    return seen;
  };
  const inputsOf = (names: Set<string>) => new Set([...names].flatMap((n) => Object.keys(file(n).inputs)));
  const dynamicImports = (name: string) => file(name).imports.filter((i) => i.kind === 'dynamic-import').map((i) => path.relative(outdir, path.resolve(root, i.path)));

  test('the first frame (cli.js and what it imports statically) holds no Azure SDK, store client or emulator code', () => {
    const inputs = [...inputsOf(staticClosure('cli.js'))];
    assert.ok(inputs.some((i) => i.includes('node_modules/ink/')), 'Ink is in the first frame');
    assert.deepEqual(inputs.filter((i) => /node_modules\/(@azure|@typespec)\//.test(i)), []);
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/emulator/')), []);
    assert.deepEqual(inputs.filter((i) => i === 'src/runtime.ts' || i === 'src/store/create-store.ts'), []);
  });

  test('cli.js reaches the runtime and `kvx emulator` only through dynamic imports', () => {
    assert.ok(dynamicImports('cli.js').includes('runtime.js'));
    assert.ok(dynamicImports('cli.js').includes('emulator-main.js'));
    assert.ok(!staticClosure('cli.js').has('runtime.js'));
    assert.ok(!staticClosure('cli.js').has('emulator-main.js'));
  });

  test('the runtime a real-vault user loads holds no emulator code; --demo reaches it by a dynamic import', () => {
    const inputs = [...inputsOf(staticClosure('runtime.js'))];
    assert.ok(inputs.includes('src/store/create-store.ts'));
    assert.ok(inputs.some((i) => i.includes('node_modules/@azure/keyvault-secrets/')));
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/emulator/')), []);
    assert.ok(dynamicImports('runtime.js').includes('emulator.js'));
  });

  test('the emulator (X.509, PKCS#12, ECDSA, demo seed) is built once, in a chunk both --demo and `kvx emulator` load', () => {
    const emulatorSources = [...outputs.values()].flatMap((o) => Object.keys(o.inputs)).filter((i) => /^src\/emulator\/(x509|keys|seed)/.test(i));
    assert.ok(emulatorSources.length > 3, `emulator sources are bundled: ${emulatorSources.join(', ')}`);
    const holders = new Set([...outputs].filter(([, o]) => Object.keys(o.inputs).some((i) => emulatorSources.includes(i))).map(([n]) => n));
    assert.equal(holders.size, 1, `one file holds the emulator: ${[...holders].join(', ')}`);
    const [chunk] = holders;
    assert.ok(staticClosure('emulator.js').has(chunk), '--demo (emulator.js) loads it');
    assert.ok(staticClosure('emulator-main.js').has(chunk), '`kvx emulator` (emulator-main.js) loads it');
    assert.equal(new Set(emulatorSources).size, emulatorSources.length, 'no emulator source is bundled twice');
  });

  test('no bundle imports node:http or node:crypto as an ES module (their namespaces read lazy getters: node:http so loads undici, ~25 ms before the first request): they come through require()', () => {
    const costly = /^(node:)?(http|crypto)$/;
    const esm = [...outputs].flatMap(([name, o]) => o.imports.filter((i) => i.kind === 'import-statement' && costly.test(i.path)).map((i) => `${name}: ${i.path}`));
    assert.deepEqual(esm, []);
    assert.ok([...outputs.values()].some((o) => o.imports.some((i) => i.kind === 'require-call' && i.path === 'node:http')), 'node:http is required');
  });

  test("no bundle carries semver: jsonwebtoken's checks of the Node version (MSAL's, evaluated before any sign-in) are answered at build time", () => {
    const withSemver = [...outputs].filter(([, o]) => Object.keys(o.inputs).some((i) => /node_modules[\\/]semver[\\/]/.test(i))).map(([name]) => name);
    assert.deepEqual(withSemver, []);
    const runtime = outputs.get('runtime.js');
    assert.ok(runtime && Object.keys(runtime.inputs).some((i) => /jsonwebtoken[\\/]lib[\\/]psSupported\.js$/.test(i)), 'jsonwebtoken is still bundled (MSAL needs it)');
  });

  test("Ink's frame composer in the bundle is the patched one (ink-output-patch.test.ts): an unchanged line is not measured again on every keypress", () => {
    // The carried-over lookup: `this.styledChars.get(line) ?? kvxCarried(this, "styledChars", line)`.
    assert.match(cliSource, /\.styledChars\.get\(\w+\)\s*\?\?\s*\w+\(this,\s*"styledChars",\s*\w+\)/);
  });
});
