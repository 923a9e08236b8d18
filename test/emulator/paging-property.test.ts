// Property: for any collection the store lists (names, one name's versions, deleted names) and
// any page size 1..25, following nextLinks returns the full list, each item once, and the
// chain ends — also when many versions share one second and names differ only in case order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineCollection } from '../../src/emulator/collection-spec.js';
import type { StoreSettings } from '../../src/emulator/store-settings.js';
import { ObjectStore } from '../../src/emulator/object-store.js';
import type { Cursor } from '../../src/emulator/paging.js';
import { paginate } from '../../src/emulator/paging.js';
import { Prng } from '../../src/emulator/prng.js';
import { CERTIFICATES } from '../../src/emulator/certificates/certificate-collection.js';
import { KEYS } from '../../src/emulator/keys/key-collection.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { DEMO_VAULTS, seedVaults } from '../../src/emulator/seed.js';
import { SortedIndex } from '../../src/emulator/sorted-index.js';
import { VaultState } from '../../src/emulator/vault-state.js';

const spec = defineCollection<{ n: number }>({ name: 'widgets', label: 'Widget' });
const settings: StoreSettings = { recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0 };
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** Follows nextLinks from the first page; fails if the chain runs longer than the list allows. */
function walk<T>(cursor: () => Cursor<T>, id: (item: T) => string, size: number, total: number): string[] {
  const out: string[] = [];
  let query = `api-version=7.6&maxresults=${size}`;
  for (let pages = 0; ; pages++) {
    assert.ok(pages <= Math.ceil(total / size) + 1, `the nextLink chain does not end (page size ${size})`);
    const page = paginate(cursor(), id, { query: new URLSearchParams(query), vaultUrl: 'https://127.0.0.1:1', path: '/widgets', apiVersion: '7.6' });
    out.push(...page.value);
    if (page.nextLink === null) return out;
    query = new URL(page.nextLink).search.slice(1);
  }
}

function randomName(rng: Prng): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';
  const length = 1 + Math.floor(rng.next() * 12);
  let name = '';
  for (let i = 0; i < length; i++) name += alphabet[Math.floor(rng.next() * alphabet.length)];
  return name;
}

for (const seed of ['a', 'b', 'c']) {
  test(`pages of every list concatenate to the full list, once each, for page sizes 1..25 (seed ${seed})`, () => {
    const rng = new Prng(seed);
    const store = new ObjectStore(spec, () => settings, () => NOW);
    const names = new Set<string>();
    while (names.size < 40 + Math.floor(rng.next() * 40)) names.add(randomName(rng).toLowerCase());
    let n = 0;
    for (const name of names) {
      // Every version in the same second (the clock does not move), up to 30 of them.
      const versions = 1 + Math.floor(rng.next() * (rng.next() < 0.2 ? 30 : 3));
      for (let v = 0; v < versions; v++) store.create(rng.next() < 0.5 ? name : name.toUpperCase(), { payload: { n: n++ } });
    }
    for (const name of names) if (rng.next() < 0.3) store.delete(name);
    const busiest = store.listLatest().reduce((a, b) => (b.object.versions.length > a.object.versions.length ? b : a)).object.name;

    const latest = store.listLatest().map((e) => e.object.name);
    const versions = store.listVersions(busiest).map((v) => v.version);
    const deleted = store.listDeleted().map((e) => e.object.name);
    assert.ok(versions.length >= 2 && deleted.length > 0 && latest.length > 20);
    assert.deepEqual([...latest].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)), latest, 'names are listed in order');
    for (let size = 1; size <= 25; size++) {
      assert.deepEqual(walk(() => store.latestCursor(), (e) => e.object.name, size, latest.length), latest);
      assert.deepEqual(walk(() => store.versionsCursor(busiest), (v) => v.version, size, versions.length), versions);
      assert.deepEqual(walk(() => store.deletedCursor(), (e) => e.object.name, size, deleted.length), deleted);
    }
  });
}

test('a page continues after the last name it returned when names are added and removed between pages', () => {
  const store = new ObjectStore(spec, () => settings, () => NOW);
  for (const name of ['b', 'd', 'f', 'h']) store.create(name, { payload: { n: 0 } });
  const first = paginate(store.latestCursor(), (e) => e.object.name, { query: new URLSearchParams('maxresults=2'), vaultUrl: 'https://h', path: '/w', apiVersion: '7.6' });
  assert.deepEqual(first.value, ['b', 'd']);
  store.create('a', { payload: { n: 0 } });
  store.create('e', { payload: { n: 0 } });
  store.delete('f');
  const next = new URL(first.nextLink ?? '').search.slice(1);
  const second = paginate(store.latestCursor(), (e) => e.object.name, { query: new URLSearchParams(next), vaultUrl: 'https://h', path: '/w', apiVersion: '7.6' });
  assert.deepEqual(second.value, ['e', 'h']);
});

test('the sorted index keeps order through random inserts and removals across many chunks', () => {
  const rng = new Prng('index');
  const index = new SortedIndex();
  const model = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const key = String(Math.floor(rng.next() * 5000)).padStart(4, '0');
    if (rng.next() < 0.65) {
      assert.equal(index.insert(key), !model.has(key));
      model.add(key);
    } else {
      assert.equal(index.remove(key), model.has(key));
      model.delete(key);
    }
  }
  const sorted = [...model].sort();
  assert.deepEqual(index.keys(), sorted);
  assert.equal(index.size, sorted.length);
  const after: string[] = [];
  index.forEachAfter(sorted[100], (k) => after.push(k) < 5);
  assert.deepEqual(after, sorted.slice(101, 106));
  const fromMissing: string[] = [];
  index.forEachAfter('2500x', (k) => fromMissing.push(k) < 1);
  assert.deepEqual(fromMissing, [sorted.find((k) => k > '2500x')]);
});

test('every demo secret, key and certificate lists all its versions once at one version per page', async () => {
  const vaults = DEMO_VAULTS.map(
    (v) => new VaultState({ name: v.name, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0 }, () => NOW),
  );
  await seedVaults(vaults, 'demo', { random: 'kvx-demo', now: NOW });
  let checked = 0;
  for (const vault of vaults) {
    for (const spec of [SECRETS, KEYS, CERTIFICATES] as const) {
      const store = vault.store<unknown, unknown>(spec as never);
      for (const { object } of store.listLatest()) {
        const expected = store.listVersions(object.name).map((v) => v.version);
        assert.deepEqual(walk(() => store.versionsCursor(object.name), (v) => v.version, 1, expected.length), expected, `${vault.name}/${spec.name}/${object.name}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 300, `${checked} objects`);
});
