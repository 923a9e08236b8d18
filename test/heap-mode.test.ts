// V8's size setting follows the store's loading, against the emulator through the SDK.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followLoading, SIZE, SPEED } from '../src/heap-mode.js';
import { startStoreHarness } from './store/store-harness.js';

test('the heap is tuned for speed while a list loads and for size again once the last load ends', async () => {
  const h = await startStoreHarness({ vaults: ['heap-a'] }, { maxPageSize: 5 });
  const flags: string[] = [];
  const stop = followLoading(h.store, (f) => flags.push(f));
  try {
    h.addSecrets(12);
    assert.deepEqual(flags, [], 'nothing loads yet: the size setting stays as the CLI set it');
    // The second page is held, so the load is caught in the middle.
    const gate = h.emulator.gates.hold({ operation: 'request', method: 'GET', path: '/secrets' });
    h.store.loadCollection(h.vault().url, 'secrets');
    await gate.caught(1);
    assert.deepEqual(flags, [SPEED]);
    gate.release();
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the list');
    assert.deepEqual(flags, [SPEED, SIZE]);
    // Other changes (an operation, details) neither start nor end a load.
    await h.store.loadDetails(h.collection('secrets').items[0]);
    assert.deepEqual(flags, [SPEED, SIZE]);
  } finally {
    stop();
    await h.stop();
  }
});
