// The built runtime (dist/runtime.js) on the way to a vault's first page, in a process of its
// own as kvx runs it: signing in through DefaultAzureCredential with an App Service style
// managed identity (the emulator's), then listing. Node's fetch (undici) is never loaded on
// that way: its first load costs ~40 ms of a cold process, and nothing kvx does needs it
// (scripts/bundle.js: built-ins through require(), the SDK's FormData check only for objects).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'kvx-runtime-bundle-'));
let emulator: Emulator;

// Lists the vault's secrets through the runtime and prints what it got and whether undici was loaded.
const LIST = `
const [runtimeUrl, vaultUrl, caFile] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const { createRuntime } = await import(runtimeUrl);
const runtime = await createRuntime({ vaults: [{ name: 'v', url: vaultUrl, local: true }], demo: false, readOnly: true, ca: readFileSync(caFile, 'utf8'), noColor: true, theme: 'plain', keys: {}, clipboardClearMs: 0 });
const { store } = runtime;
store.loadCollection(vaultUrl, 'secrets');
const secrets = () => store.getSnapshot().vaults[0].collections.secrets;
await new Promise((resolve) => { const check = () => { if (secrets().status === 'complete' || secrets().status === 'error') resolve(); }; store.subscribe(check); check(); });
process.stdout.write(JSON.stringify({ status: secrets().status, error: secrets().error?.message, count: secrets().items.length, undici: process.moduleLoadList.some((m) => m.includes('undici')) }));
await runtime.dispose();
`;

before(async () => {
  execFileSync(process.execPath, ['scripts/build.js', '--outdir', path.join(dir, 'dist')], { cwd: root, stdio: 'inherit' });
  writeFileSync(path.join(dir, 'list.mjs'), LIST);
  emulator = await startEmulator({ vaults: ['bundle-vault'], tlsCacheDir: TEST_TLS_CACHE });
  writeFileSync(path.join(dir, 'ca.pem'), emulator.caPem);
  const secrets = emulator.vault('bundle-vault').store(SECRETS);
  for (let i = 0; i < 30; i++) secrets.create(`bundle-secret-${i}`, { payload: { value: 'v' } });
});

after(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("listing a vault through the built runtime, signed in with a managed identity, never loads Node's fetch (undici)", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(dir, 'list.mjs'), pathToFileURL(path.join(dir, 'dist', 'runtime.js')).href, emulator.vaults[0].url, path.join(dir, 'ca.pem')],
    { env: { ...process.env, ...emulator.identity.appServiceEnv, AZURE_LOG_LEVEL: '' }, timeout: 60_000 },
  );
  const result = JSON.parse(stdout) as { status: string; error?: string; count: number; undici: boolean };
  assert.deepEqual({ status: result.status, error: result.error, count: result.count }, { status: 'complete', error: undefined, count: 30 });
  assert.equal(result.undici, false);
});
