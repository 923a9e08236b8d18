// Operations through the store itself: they appear in the snapshot, finished ones refresh the
// lists they touched, and a read-only store refuses mutations called directly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

describe('store operations', () => {
  let h: StoreHarness;
  before(async () => {
    h = await startStoreHarness({ deleteDelayMs: 40 }, { operationIntervalMs: 5 });
  });
  after(() => h.stop());

  it('a delete shows in the snapshot and, when finished, refreshes the list and the deleted view', async () => {
    h.addSecrets(3);
    const url = h.vault().url;
    h.store.loadCollection(url, 'secrets');
    h.store.loadCollection(url, 'secrets', { deleted: true });
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete' && s.vaults[0].deleted.secrets.status === 'complete', 'both views loaded');
    const target = h.collection('secrets').items[1];
    const id = h.store.deleteItem(target);
    const running = h.store.getSnapshot().operations.find((o) => o.id === id);
    assert.equal(running?.state, 'running');
    assert.equal(running?.vault, 'store-vault');
    assert.equal(running?.target, target.name);
    await h.until((s) => s.operations.find((o) => o.id === id)?.state === 'succeeded', 'the delete to finish');
    await h.until(
      (s) =>
        s.vaults[0].collections.secrets.status === 'complete' &&
        !s.vaults[0].collections.secrets.items.some((i) => i.name === target.name) &&
        s.vaults[0].deleted.secrets.items.some((i) => i.name === target.name),
      'the lists to show it deleted',
    );
  });

  it('keeps finished operations until cleared', async () => {
    const id = h.store.createSecret({ vault: h.vault().url, name: 'kept-until-cleared', value: 'x' });
    await h.until((s) => s.operations.find((o) => o.id === id)?.state === 'succeeded', 'the create to finish');
    const before = h.store.getSnapshot().operations.length;
    assert.ok(before > 0);
    h.store.clearFinishedOperations();
    assert.equal(h.store.getSnapshot().operations.length, 0);
  });
});

describe('read-only store', () => {
  let h: StoreHarness;
  before(async () => {
    h = await startStoreHarness({}, { readOnly: true });
  });
  after(() => h.stop());

  it('refuses mutations called directly and starts nothing', () => {
    const url = h.vault().url;
    assert.throws(() => h.store.deleteItem({ kind: 'secrets', name: 'x', vaultUrl: url }), { class: 'readOnly' });
    assert.throws(() => h.store.createSecret({ vault: url, name: 'x', value: 'v' }), { class: 'readOnly' });
    assert.equal(h.store.getSnapshot().operations.length, 0);
  });
});
