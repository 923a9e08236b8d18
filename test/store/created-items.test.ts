// A created item is in its list at once (from the create's answer), not when the page that
// lists it arrives: through the store against the emulator, with list pages held at gates so
// the test decides when each page comes. Then the pure bookkeeping (created-items.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Gate } from '../../src/emulator/gates.js';
import { CreatedItems, placeItem } from '../../src/store/created-items.js';
import type { ItemSummary, StoreSnapshot } from '../../src/store/types.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

let h: StoreHarness;
let url: string;

before(async () => {
  h = await startStoreHarness({ vaults: ['made-vault'] }, { maxPageSize: 5, operationIntervalMs: 10 });
  url = h.vault().url;
  // secret-00000 … secret-00019: four pages of five.
  h.addSecrets(20);
});

after(async () => {
  h.emulator.gates.releaseAll();
  await h?.stop();
});

const names = (s: StoreSnapshot, kind: 'secrets' | 'certificates' = 'secrets') => s.vaults[0].collections[kind].items.map((i) => i.name);
const count = (s: StoreSnapshot, name: string, kind: 'secrets' | 'certificates' = 'secrets') => names(s, kind).filter((n) => n === name).length;
/** Holds the next list request of the vault's secrets (pages follow nextLink on the same path). */
const holdListPage = (): Gate => h.emulator.gates.hold({ operation: 'request', method: 'GET', path: '/secrets' });

/** Waits for the operation `id` (a create, an edit, a delete) to succeed. */
async function succeeded(id: string): Promise<void> {
  const op = await h.until((s) => s.operations.find((o) => o.id === id)?.state !== 'running', 'the operation to finish');
  assert.equal(op.operations.find((o) => o.id === id)?.state, 'succeeded');
}

describe('a created item in a list still paging', () => {
  test('is in the snapshot before any list reload, and once after the page that lists it arrives', async () => {
    const first = holdListPage();
    h.store.loadCollection(url, 'secrets');
    await first.caught();
    const second = holdListPage();
    first.release();
    await h.until((s) => s.vaults[0].collections.secrets.pagesLoaded === 1, 'the first page');
    await second.caught();

    // secret-00007a belongs to the second page, which the emulator holds.
    const from = h.snapshots.length;
    await succeeded(h.store.createSecret({ vault: url, name: 'secret-00007a', value: 'v' }));
    const now = h.store.getSnapshot();
    assert.equal(count(now, 'secret-00007a'), 1, 'listed at once');
    assert.equal(now.vaults[0].collections.secrets.pagesLoaded, 1, 'no page arrived meanwhile');
    assert.equal(now.vaults[0].collections.secrets.status, 'partial', 'the load goes on');
    assert.equal(second.state().caught, 1, 'no reload was asked for: the list did not start over');
    assert.deepEqual(names(now), ['secret-00000', 'secret-00001', 'secret-00002', 'secret-00003', 'secret-00004', 'secret-00007a'], 'in name order');
    const row = now.vaults[0].collections.secrets.items.find((i) => i.name === 'secret-00007a')!;
    assert.equal(row.id, `${url}/secrets/secret-00007a`);
    assert.equal(row.version, undefined, 'a list row, without version');

    const third = holdListPage();
    second.release();
    await h.until((s) => s.vaults[0].collections.secrets.pagesLoaded === 2, 'the second page');
    assert.equal(count(h.store.getSnapshot(), 'secret-00007a'), 1, 'the page that lists it does not add it again');
    assert.ok(names(h.store.getSnapshot()).includes('secret-00008'), 'the rest of that page is in');
    third.release();
    const done = await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the last page');
    assert.equal(count(done, 'secret-00007a'), 1);
    assert.equal(names(done).length, 21);
    const shown = h.snapshots.findIndex((s, i) => i >= from && count(s, 'secret-00007a') > 0);
    assert.ok(h.snapshots.slice(shown).every((s) => count(s, 'secret-00007a') === 1), 'shown once in every snapshot since it was listed');
  });

  test('a reload that starts over keeps it shown until the page that lists it arrives', async () => {
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'a complete list');
    await succeeded(h.store.createSecret({ vault: url, name: 'secret-00017a', value: 'v' }));
    assert.equal(count(h.store.getSnapshot(), 'secret-00017a'), 1);
    const first = holdListPage();
    const from = h.snapshots.length;
    h.store.loadCollection(url, 'secrets', { refresh: true });
    await first.caught();
    const second = holdListPage();
    first.release();
    const firstPage = await h.until((s) => s.vaults[0].collections.secrets.pagesLoaded === 1, 'the reload’s first page');
    assert.deepEqual(names(firstPage), ['secret-00000', 'secret-00001', 'secret-00002', 'secret-00003', 'secret-00004', 'secret-00017a']);
    second.release();
    const done = await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the reload');
    assert.equal(names(done).length, 22);
    assert.ok(h.snapshots.slice(from).every((s) => count(s, 'secret-00017a') === 1), 'never gone, never twice');
  });

  test('a certificate being issued is listed as pending at once, and as issued when the service is done', async () => {
    h.store.loadCollection(url, 'certificates');
    await h.until((s) => s.vaults[0].collections.certificates.status === 'complete', 'the certificates');
    const issue = h.emulator.gates.hold({ operation: 'certificate-issue', name: 'made-tls' });
    const id = h.store.createCertificate({ vault: url, name: 'made-tls', subject: 'CN=made.example', dnsNames: [], validityInMonths: 12, keyType: 'RSA', format: 'PEM' });
    await issue.caught();
    const pending = await h.until((s) => count(s, 'made-tls', 'certificates') === 1, 'the pending certificate in its list');
    assert.equal(pending.operations.find((o) => o.id === id)?.state, 'running');
    assert.equal(pending.vaults[0].collections.certificates.items.find((i) => i.name === 'made-tls')?.issuance, 'pending');
    issue.release();
    await succeeded(id);
    const issued = h.store.getSnapshot().vaults[0].collections.certificates.items.filter((i) => i.name === 'made-tls');
    assert.equal(issued.length, 1);
    assert.equal(issued[0].issuance, 'issued');
    assert.equal(issued[0].issuer, 'Self');
  });
});

describe('an edit or a rotation changes its row in place', () => {
  test('tags set on a secret and a rotated key show in their rows at once, without a list reload', async () => {
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'a complete list');
    const reload = holdListPage();
    try {
      const row = h.collection('secrets').items.find((i) => i.name === 'secret-00003')!;
      await succeeded(h.store.updateProperties(row, { tags: { team: 'ops' } }));
      const after = h.collection('secrets').items.filter((i) => i.name === 'secret-00003');
      assert.deepEqual(after.map((i) => i.tags), [{ team: 'ops' }]);
      assert.equal(h.collection('secrets').items.indexOf(after[0]), 3, 'where it stood');
      assert.equal(reload.state().caught, 0, 'no list reload');
    } finally {
      reload.release();
    }
    h.store.loadCollection(url, 'keys');
    await h.until((s) => s.vaults[0].collections.keys.status === 'complete', 'the keys');
    await succeeded(h.store.createKey({ vault: url, name: 'made-key', keyType: 'RSA', keySize: 2048 }));
    const made = h.collection('keys').items.find((i) => i.name === 'made-key')!;
    assert.equal(made.keyType, 'RSA 2048', 'as the list names key types');
    await succeeded(h.store.rotateKey(made));
    const rotated = h.collection('keys').items.filter((i) => i.name === 'made-key');
    assert.equal(rotated.length, 1);
    assert.ok(rotated[0] !== made, 'the row is the rotated key');
  });
});

describe('a deleted item leaves its list', () => {
  test('at once when the delete is done, without a list reload', async () => {
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'a complete list');
    const before = h.collection('secrets').items.length;
    const reload = holdListPage();
    try {
      const row = h.collection('secrets').items.find((i) => i.name === 'secret-00005')!;
      await succeeded(h.store.deleteItem(row));
      assert.equal(count(h.store.getSnapshot(), 'secret-00005'), 0);
      assert.equal(h.collection('secrets').items.length, before - 1);
      assert.equal(reload.state().caught, 0, 'no list reload');
    } finally {
      reload.release();
    }
  });
});

describe('created-items bookkeeping', () => {
  const item = (name: string): ItemSummary => ({ kind: 'secrets', id: `https://v/secrets/${name}`, name, vaultUrl: 'https://v', tags: {} });

  test('placeItem puts a new name in name order and replaces the row with the same id in place', () => {
    const list = [item('a'), item('c')];
    assert.deepEqual(placeItem(list, item('b')).map((i) => i.name), ['a', 'b', 'c']);
    assert.deepEqual(placeItem(list, item('z')).map((i) => i.name), ['a', 'c', 'z']);
    const newer = { ...item('C'), id: 'https://v/secrets/C', enabled: false };
    assert.deepEqual(placeItem(list, newer), [list[0], newer]);
  });

  test('the page that lists a made item gives its row the page’s copy (an edit since), and does not add it twice', () => {
    const made = new CreatedItems();
    made.add('k', item('m'));
    const shown = made.firstPage('k', [item('a'), item('b')]);
    assert.deepEqual(shown.map((i) => i.name), ['a', 'b', 'm']);
    const edited = { ...item('m'), tags: { team: 'ops' } };
    const next = made.nextPage('k', shown, [item('c'), edited, item('n')]);
    assert.deepEqual(next.map((i) => i.name), ['a', 'b', 'm', 'c', 'n']);
    assert.equal(next[2], edited);
    assert.deepEqual(made.nextPage('k', next, [item('o')]).map((i) => i.name), ['a', 'b', 'm', 'c', 'n', 'o'], 'settled: later pages append as usual');
  });

  test('a load begun after an item was made that ends without listing it drops it; one begun before keeps it', () => {
    const made = new CreatedItems();
    const before = made.tick();
    made.add('k', item('x'));
    assert.deepEqual(made.complete('k', before, [item('a'), item('x')]).map((i) => i.name), ['a', 'x']);
    made.add('k', item('y'));
    const started = made.tick();
    assert.deepEqual(made.complete('k', started, [item('a'), item('y')]).map((i) => i.name), ['a']);
  });
});
