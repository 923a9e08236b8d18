// A growing list is shown in batches: pages that arrive while the last batch is recent wait
// for the next one (at most ~10 snapshot changes a second by default), the first page and
// the end are shown at once, and cancelling shows what was received.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

const log: RequestLogEntry[] = [];
let h: StoreHarness;

before(async () => {
  // A coalescing window longer than any load here: only the first page and the end are shown.
  h = await startStoreHarness({ vaults: ['batch-vault'], onRequest: (e) => log.push(e) }, { maxPageSize: 1, coalesceMs: 600_000 });
  h.addSecrets(40);
});

after(async () => {
  await h?.stop();
});

const secrets = () => h.collection('secrets');

test('pages arriving within the window are shown together: the first page at once, the rest with the end', async () => {
  const shown: { status: string; count: number }[] = [];
  const unsubscribe = h.store.subscribe(() => {
    const c = secrets();
    const last = shown.at(-1);
    if (!last || last.status !== c.status || last.count !== c.items.length) shown.push({ status: c.status, count: c.items.length });
  });
  h.store.loadCollection(h.emulator.vaults[0].url, 'secrets');
  await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the whole list');
  unsubscribe();
  assert.deepEqual(shown, [
    { status: 'loading', count: 0 },
    { status: 'partial', count: 1 },
    { status: 'complete', count: 40 },
  ]);
  assert.equal(secrets().pagesLoaded, 40);
  assert.deepEqual(
    secrets().items.map((i) => i.name),
    Array.from({ length: 40 }, (_, i) => `secret-${String(i).padStart(5, '0')}`),
  );
});

test('cancelling shows the pages received but not yet shown', async () => {
  h.emulator.faults.set({ latencyMs: 20 });
  log.length = 0;
  h.store.loadCollection(h.emulator.vaults[0].url, 'secrets', { refresh: true });
  await h.until(() => log.filter((e) => e.path === '/secrets' && e.status === 200).length >= 4, 'four pages answered');
  // Answered is not yet received: wait until the store shows the first and holds more.
  await h.until((s) => s.vaults[0].collections.secrets.status === 'partial', 'the first page');
  assert.equal(secrets().items.length, 1, 'later pages wait for the window');
  const answered = log.filter((e) => e.path === '/secrets' && e.status === 200).length;
  h.store.cancelLoad(h.emulator.vaults[0].url, 'secrets');
  const c = secrets();
  h.emulator.faults.clear();
  assert.equal(c.cancelled, true);
  assert.ok(c.items.length >= answered - 1 && c.items.length < 40, `shown ${c.items.length} of ${answered} answered`);
  assert.equal(c.pagesLoaded, c.items.length);
});
