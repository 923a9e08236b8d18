// The runtime after the first frame: V8 is tuned for size (heap-mode.ts) only once the
// runtime's bundle is in, so its code is evaluated with the default heap growth, and from
// then on it follows the store's loading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appFlags, parseArgs } from '../src/config/flags.js';
import { loadSettings } from '../src/config/settings.js';
import { SIZE, SPEED } from '../src/heap-mode.js';
import { loadRuntime } from '../src/load-runtime.js';
import { startEmulator } from '../src/emulator/index.js';
import type { CodeCacheHook } from '../src/launch/code-cache-hook.js';
import { TEST_TLS_CACHE, testCredential, waitFor } from './emulator/support/emulator-harness.js';

/** An emulator vault and kvx's runtime loaded on it, noting into `events` what loadRuntime does. */
async function runtimeOn(vault: string, events: string[], codeCache: CodeCacheHook | undefined) {
  const emulator = await startEmulator({ vaults: [vault], tlsCacheDir: TEST_TLS_CACHE });
  const files: Record<string, string> = { 'ca.pem': emulator.caPem };
  const settings = loadSettings(parseArgs(['--ca-file', 'ca.pem', emulator.vaults[0].url], appFlags), {}, { readFile: (f) => files[f], homeDir: () => '/nonexistent-home' });
  const loaded = await loadRuntime(
    settings,
    async () => {
      events.push('import runtime');
      const { createRuntime } = await import('../src/runtime.js');
      events.push('runtime imported');
      return { createRuntime: (s) => createRuntime(s, { credential: testCredential }) };
    },
    (flags) => events.push(flags),
    codeCache,
  );
  return { emulator, ...loaded };
}

test('V8 is tuned for size only after the runtime was imported and built, then follows its loading (a start with its code cache)', async () => {
  const events: string[] = [];
  const { emulator, runtime, stopHeapMode } = await runtimeOn('heap-vault', events, undefined);
  try {
    assert.deepEqual(events, ['import runtime', 'runtime imported', SIZE]);
    const url = runtime.vaults[0].url;
    runtime.store.loadCollection(url, 'secrets');
    await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.secrets.status === 'complete', 'the list loaded', 20_000);
    assert.deepEqual(events.slice(3), [SPEED, SIZE]);
  } finally {
    stopHeapMode();
    await runtime.dispose();
    await emulator.stop();
  }
});

test('a first start takes the code cache a moment after the first rows, with V8 flags untouched until then; then the heap is tuned', async () => {
  const events: string[] = [];
  const { emulator, runtime, stopHeapMode } = await runtimeOn('cache-vault', events, { save: () => (events.push('code cache'), true) });
  events.splice(0, events.indexOf('runtime imported') + 1);
  try {
    runtime.store.loadCollection(runtime.vaults[0].url, 'secrets');
    await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.secrets.status === 'complete', 'the list loaded', 20_000);
    assert.deepEqual(events, [], 'no flag is set before the cache is taken, not even while the list loads');
    await waitFor(() => events.length >= 2, 'the code cache taken', 20_000);
    assert.deepEqual(events, ['code cache', SIZE]);
    runtime.store.loadCollection(runtime.vaults[0].url, 'keys');
    await waitFor(() => runtime.store.getSnapshot().vaults[0].collections.keys.status === 'complete', 'the keys loaded', 20_000);
    assert.deepEqual(events.slice(2), [SPEED, SIZE], 'from then on the heap follows the loading');
  } finally {
    stopHeapMode();
    await runtime.dispose();
    await emulator.stop();
  }
});
