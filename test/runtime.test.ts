// The runtime the CLI loads after the first frame: the in-process demo, and real vaults
// (here a loopback emulator standing in for one) with the CA given per client.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { appFlags, parseArgs } from '../src/config/flags.js';
import type { Settings } from '../src/config/settings.js';
import { loadSettings } from '../src/config/settings.js';
import { startEmulator } from '../src/emulator/index.js';
import { createRuntime } from '../src/runtime.js';
import { TEST_TLS_CACHE, testCredential, waitFor } from './emulator/support/emulator-harness.js';

function settingsFor(argv: string[], files: Record<string, string> = {}): Settings {
  return loadSettings(parseArgs(argv, appFlags), {}, { readFile: (f) => files[f], homeDir: () => '/nonexistent-home' });
}

/** The demo names no vault: like a real user's first start, it finds them through the emulator's ARM. */
async function discovered(runtime: Awaited<ReturnType<typeof createRuntime>>) {
  runtime.store.discoverVaults();
  await waitFor(() => runtime.store.getSnapshot().discovery.status === 'complete', 'demo vaults discovered', 20_000);
  return runtime.store.getSnapshot().vaults;
}

test('--demo starts the emulator in-process: its vaults are found through its ARM and load, and the demo identity shows', async () => {
  const runtime = await createRuntime(settingsFor(['--demo', '--read-only']), { tlsCacheDir: TEST_TLS_CACHE });
  let url: string;
  try {
    assert.deepEqual(runtime.vaults, []);
    const vaults = await discovered(runtime);
    assert.deepEqual(vaults.map((v) => v.name).sort(), ['contoso-dev', 'contoso-payments', 'contoso-prod']);
    assert.ok(vaults.every((v) => v.local && v.url.startsWith('https://127.0.0.1:') && v.arm?.resourceGroup));
    url = vaults[0].url;
    const { store } = runtime;
    assert.equal(store.getSnapshot().readOnly, true);
    store.loadCollection(vaults.find((v) => v.name === 'contoso-prod')!.url, 'secrets');
    const prod = () => store.getSnapshot().vaults.find((v) => v.name === 'contoso-prod')!;
    await waitFor(() => prod().collections.secrets.status === 'complete', 'demo secrets', 20_000);
    assert.ok(prod().collections.secrets.items.length > 25, 'more than one page of demo secrets');
    assert.match(store.getSnapshot().identity?.display ?? '', /system identity/);
  } finally {
    await runtime.dispose();
  }
  // Disposing stops the emulator: its port no longer answers.
  await assert.rejects(fetch(url), /fetch failed/);
});

test('--demo enforces access policies: as kvx-reader, certificates are forbidden naming the permission, secrets still load', async () => {
  const runtime = await createRuntime(settingsFor(['--demo', '--demo-identity', 'kvx-reader']), { tlsCacheDir: TEST_TLS_CACHE });
  try {
    const { store } = runtime;
    const prodUrl = (await discovered(runtime)).find((v) => v.name === 'contoso-prod')!.url;
    store.loadCollection(prodUrl, 'certificates');
    store.loadCollection(prodUrl, 'secrets');
    const vault = () => store.getSnapshot().vaults.find((v) => v.url === prodUrl)!;
    await waitFor(() => vault().collections.certificates.status === 'error', 'certificates refused', 20_000);
    const error = vault().collections.certificates.error;
    assert.equal(error?.class, 'forbidden');
    assert.deepEqual(error?.permission, { action: 'list', collection: 'certificates' });
    await waitFor(() => vault().collections.secrets.status === 'complete', 'secrets still load', 20_000);
    assert.match(store.getSnapshot().identity?.display ?? '', /kvx-reader/);
  } finally {
    await runtime.dispose();
  }
});

test('a loopback vault given by URL works with --ca-file, trusted for that client only', async () => {
  const emulator = await startEmulator({ vaults: ['stand-in'], tlsCacheDir: TEST_TLS_CACHE });
  try {
    const url = emulator.vaults[0].url;
    const settings = settingsFor([url, '--ca-file', '/ca.pem'], { '/ca.pem': emulator.caPem });
    assert.deepEqual(settings.vaults, [{ name: new URL(url).host, url, local: true }]);
    const runtime = await createRuntime(settings, { credential: testCredential });
    try {
      runtime.store.loadCollection(url, 'keys');
      await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.keys.status === 'complete', 'keys', 10_000);
    } finally {
      await runtime.dispose();
    }
  } finally {
    await emulator.stop();
  }
});

test('without the CA, a loopback vault fails as an untrusted TLS certificate, and says to pass --ca-file', async () => {
  const emulator = await startEmulator({ vaults: ['stand-in'], tlsCacheDir: TEST_TLS_CACHE });
  try {
    const url = emulator.vaults[0].url;
    const runtime = await createRuntime(settingsFor([url]), { credential: testCredential });
    try {
      runtime.store.loadCollection(url, 'secrets');
      await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.secrets.status === 'error', 'the TLS failure', 10_000);
      const error = runtime.store.getSnapshot().vaults[0].collections.secrets.error!;
      assert.equal(error.class, 'network');
      assert.match(error.message, /TLS certificate is not trusted .*--ca-file/);
    } finally {
      await runtime.dispose();
    }
  } finally {
    await emulator.stop();
  }
});

// DefaultAzureCredential finds nothing to sign in with on a bare machine (no managed identity,
// no Azure CLI, no AZURE_* variables); where one of those exists the test cannot expect a failure.
const signInAvailable =
  Object.keys(process.env).some((k) => k.startsWith('AZURE_') || k === 'IDENTITY_ENDPOINT' || k === 'MSI_ENDPOINT') ||
  (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/az`) || existsSync(`${dir}/azd`));

test('real vaults sign in with DefaultAzureCredential; when nothing can sign in, the error is auth and names it', { skip: signInAvailable && 'a sign-in is available here' }, async () => {
  const emulator = await startEmulator({ vaults: ['stand-in'], tlsCacheDir: TEST_TLS_CACHE });
  try {
    const url = emulator.vaults[0].url;
    const runtime = await createRuntime(settingsFor([url, '--ca-file', '/ca.pem'], { '/ca.pem': emulator.caPem }));
    try {
      runtime.store.loadCollection(url, 'secrets');
      await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.secrets.status === 'error', 'the sign-in failure', 30_000);
      const error = runtime.store.getSnapshot().vaults[0].collections.secrets.error!;
      assert.equal(error.class, 'auth');
      assert.equal(error.credential, 'DefaultAzureCredential');
      assert.match(error.message, /^sign-in failed \(DefaultAzureCredential\): .*ManagedIdentityCredential/);
      assert.equal(runtime.store.getSnapshot().identity, undefined);
    } finally {
      await runtime.dispose();
    }
  } finally {
    await emulator.stop();
  }
});

test('--arm-endpoint with --ca-file finds the vaults of `kvx emulator` through its ARM, with nothing named', async () => {
  const emulator = await startEmulator({ vaults: ['found-one', 'found-two'], tlsCacheDir: TEST_TLS_CACHE });
  try {
    const settings = settingsFor(['--arm-endpoint', emulator.armEndpoint, '--ca-file', '/ca.pem'], { '/ca.pem': emulator.caPem });
    const runtime = await createRuntime(settings, { credential: testCredential });
    try {
      runtime.store.discoverVaults();
      await waitFor(() => runtime.store.getSnapshot().discovery.status === 'complete', 'discovery', 20_000);
      assert.deepEqual(runtime.store.getSnapshot().vaults.map((v) => v.url), emulator.vaults.map((v) => v.url));
    } finally {
      await runtime.dispose();
    }
  } finally {
    await emulator.stop();
  }
});
