// kvx takes V8's code cache of its script once, a moment after the store first shows rows,
// through the launcher's hook (src/launch/), against the emulator through the SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasShownRows, saveCodeCacheOnceShown } from '../src/save-code-cache.js';
import { startStoreHarness, waitFor } from './store/store-harness.js';

/** A hook that notes when the cache was taken. */
function countingHook() {
  const taken: string[] = [];
  return { taken, hook: { save: () => (taken.push('saved'), true) } };
}

test('the cache is taken once, a moment after the first rows are shown, and then what comes after is called', async () => {
  const h = await startStoreHarness({ vaults: ['cache-a'] }, { maxPageSize: 5 });
  const { taken, hook } = countingHook();
  const stop = saveCodeCacheOnceShown(h.store, hook, () => taken.push('then'), 10);
  try {
    h.addSecrets(12);
    assert.equal(hasShownRows(h.store.getSnapshot()), false);
    assert.deepEqual(taken, [], 'no rows yet: nothing is taken');
    h.store.loadCollection(h.vault().url, 'secrets');
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the list');
    await waitFor(() => taken.length > 0, 'the cache taken');
    assert.deepEqual(taken, ['saved', 'then']);
    // More lists, more rows: taken once.
    h.store.loadCollection(h.vault().url, 'keys');
    await h.until((s) => s.vaults[0].collections.keys.status === 'complete', 'the keys');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(taken.filter((t) => t === 'saved').length, 1);
  } finally {
    stop();
    await h.stop();
  }
});

test('an empty or failed first list counts as shown; a list still waiting for its first page does not', async () => {
  const h = await startStoreHarness({ vaults: ['cache-b'] });
  try {
    const gate = h.emulator.gates.hold({ operation: 'request', method: 'GET', path: '/keys' });
    h.store.loadCollection(h.vault().url, 'keys');
    await gate.caught(1);
    assert.equal(hasShownRows(h.store.getSnapshot()), false, 'loading, no page yet');
    gate.release();
    await h.until((s) => s.vaults[0].collections.keys.status === 'complete', 'the empty list');
    assert.equal(h.store.getSnapshot().vaults[0].collections.keys.items.length, 0);
    assert.equal(hasShownRows(h.store.getSnapshot()), true);
  } finally {
    await h.stop();
  }
});

test('stopped before the first rows, nothing is taken', async () => {
  const h = await startStoreHarness({ vaults: ['cache-c'] });
  const { taken, hook } = countingHook();
  try {
    h.addSecrets(3);
    const stop = saveCodeCacheOnceShown(h.store, hook, () => taken.push('then'), 0);
    stop();
    h.store.loadCollection(h.vault().url, 'secrets');
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the list');
    // Past the moment (0 ms after the rows) it would have been taken.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(taken, []);
  } finally {
    await h.stop();
  }
});
