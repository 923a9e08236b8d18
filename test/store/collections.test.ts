// Collections through the store against the emulator: progressive paging, cancel and resume,
// the deleted view, errors per collection, and structural sharing of snapshots. Tests share
// one emulator but none relies on what another loaded; intermediate states are read from the
// snapshots the store published, never by polling fast enough to catch them.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

const log: RequestLogEntry[] = [];
let h: StoreHarness;

before(async () => {
  h = await startStoreHarness({ vaults: ['paging-vault', 'other-vault'], onRequest: (e) => log.push(e) }, { maxPageSize: 5 });
  h.addSecrets(23);
});

beforeEach(() => h.emulator.faults.clear());

after(async () => {
  await h?.stop();
});

describe('paging', () => {
  test('the first page is in the snapshot (status partial) before the last one arrives', async () => {
    h.emulator.faults.set({ latencyMs: 20 });
    const from = h.snapshots.length;
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets', { refresh: true });
    assert.equal(h.collection('secrets').status, 'loading');
    const done = await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the last page');
    const partial = h.snapshots.slice(from).find((s) => s.vaults[0].collections.secrets.status === 'partial');
    assert.ok(partial, 'a snapshot with only the first page was published');
    assert.equal(partial.vaults[0].collections.secrets.items.length, 5);
    assert.equal(partial.vaults[0].collections.secrets.pagesLoaded, 1);
    const secrets = done.vaults[0].collections.secrets;
    assert.equal(secrets.items.length, 23);
    assert.equal(secrets.pagesLoaded, 5);
    assert.deepEqual(
      secrets.items.map((i) => i.name),
      Array.from({ length: 23 }, (_, i) => `secret-${String(i).padStart(5, '0')}`),
    );
    const first = secrets.items[0];
    assert.equal(first.kind, 'secrets');
    assert.equal(first.id, `${h.vault().url}/secrets/secret-00000`);
    assert.equal(first.vaultUrl, h.vault().url);
    assert.equal(first.enabled, true);
    assert.ok(first.createdOn instanceof Date);
    assert.equal(first.recoveryLevel, 'Recoverable+Purgeable');
  });

  test('loading a complete collection again sends nothing; refresh reloads it', async () => {
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets');
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the first load');
    const before = h.collection('secrets');
    assert.equal(before.status, 'complete');
    log.length = 0;
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets');
    assert.equal(h.collection('secrets'), before);
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets', { refresh: true });
    const refreshed = await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the refresh');
    assert.equal(refreshed.vaults[0].collections.secrets.items.length, 23);
    assert.ok(log.some((e) => e.path === '/secrets' && e.status === 200), 'the list was requested again');
  });

  test('cancelling keeps the pages already loaded, and loading again continues without showing an item twice', async () => {
    h.emulator.faults.set({ latencyMs: 150 });
    // Cancel the moment the first page is published, so the load cannot finish first
    // however slow the machine; the loader has then asked for the next page.
    log.length = 0;
    const stop = h.store.subscribe(() => {
      if (h.collection('secrets').status === 'partial' && h.collection('secrets').cancelled !== true) {
        h.store.cancelLoad(h.vault('paging-vault').url, 'secrets');
      }
    });
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets', { refresh: true });
    await h.until((s) => s.vaults[0].collections.secrets.cancelled === true, 'the cancel');
    stop();
    const cancelled = h.collection('secrets');
    assert.equal(cancelled.status, 'partial');
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.items.length, 5, 'the first page is kept');
    // The page that was in flight when we cancelled is answered, and dropped.
    await h.until(() => log.filter((e) => e.path === '/secrets' && e.status === 200).length >= 2, 'the in-flight page to be answered');
    await h.emulator.idle();
    assert.equal(h.collection('secrets'), cancelled);
    h.emulator.faults.clear();
    h.store.loadCollection(h.vault('paging-vault').url, 'secrets');
    const done = await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'the resumed load');
    const names = done.vaults[0].collections.secrets.items.map((i) => i.name);
    assert.equal(names.length, 23);
    assert.equal(new Set(names).size, 23, 'no page twice');
    assert.notEqual(done.vaults[0].collections.secrets.cancelled, true);
  });

  test('an empty collection completes with no items', async () => {
    h.store.loadCollection(h.vault('other-vault').url, 'keys');
    const s = await h.until((s) => s.vaults[1].collections.keys.status === 'complete', 'the empty list');
    assert.deepEqual(s.vaults[1].collections.keys.items, []);
  });
});

describe('identity', () => {
  test("the signed-in identity appears once the first token is obtained", async () => {
    h.store.loadCollection(h.vault('other-vault').url, 'certificates');
    await h.until((s) => s.identity !== undefined && s.vaults[1].collections.certificates.status === 'complete', 'the identity');
    const me = h.emulator.identity.identities.system;
    const identity = h.store.getSnapshot().identity;
    assert.equal(identity?.objectId, me.objectId);
    assert.equal(identity?.tenantId, h.emulator.tenantId);
    assert.equal(identity?.credential, 'LocalIdentityCredential');
    assert.match(identity?.display ?? '', /\(system identity\)$/);
  });
});

describe('structural sharing', () => {
  test('the snapshot keeps its reference while nothing changes, and unchanged slices keep theirs', async () => {
    const before = h.store.getSnapshot();
    assert.equal(h.store.getSnapshot(), before);
    h.store.loadCollection(h.vault('paging-vault').url, 'keys', { refresh: true });
    const after = await h.until((s) => s.vaults[0].collections.keys.status === 'complete', 'keys');
    assert.notEqual(after, before);
    assert.notEqual(after.vaults[0], before.vaults[0]);
    assert.notEqual(after.vaults[0].collections.keys, before.vaults[0].collections.keys);
    assert.equal(after.vaults[0].collections.secrets, before.vaults[0].collections.secrets);
    assert.equal(after.vaults[0].collections.secrets.items, before.vaults[0].collections.secrets.items);
    assert.equal(after.vaults[0].deleted, before.vaults[0].deleted);
    assert.equal(after.vaults[1], before.vaults[1]);
    assert.equal(after.details, before.details);
    assert.equal(after.operations, before.operations);
    assert.ok(after.vaults[0].collections.keys.revision > before.vaults[0].collections.keys.revision);
  });
});

describe('deleted view', () => {
  test('lists deleted secrets with their deletion date, purge date and recovery id', async () => {
    const client = (await import('@azure/keyvault-secrets')).SecretClient;
    const { testCredential } = await import('../emulator/support/emulator-harness.js');
    const secrets = new client(h.emulator.vaults[1].url, testCredential, {
      tlsOptions: { ca: h.emulator.caPem },
      disableChallengeResourceVerification: true,
    });
    await secrets.setSecret('gone', 'x');
    await (await secrets.beginDeleteSecret('gone', { intervalInMs: 5 })).pollUntilDone();
    const live = h.collection('secrets', { vault: 'other-vault' });
    h.store.loadCollection(h.vault('other-vault').url, 'secrets', { deleted: true });
    const s = await h.until((s) => s.vaults[1].deleted.secrets.status === 'complete', 'the deleted view');
    const [item] = s.vaults[1].deleted.secrets.items;
    assert.equal(item.name, 'gone');
    assert.ok(item.deletedOn instanceof Date);
    assert.ok(item.scheduledPurgeDate instanceof Date);
    assert.equal(item.recoveryId, `${h.emulator.vaults[1].url}/deletedsecrets/gone`);
    assert.equal(s.vaults[1].collections.secrets, live, 'the live view is separate');
  });
});

describe('errors', () => {
  test('a 403 on secrets says which permission is missing and for whom; keys keep loading', async () => {
    h.emulator.faults.set({ forbidden: ['secrets/list'] });
    h.store.loadCollection(h.vault('other-vault').url, 'secrets', { refresh: true });
    h.store.loadCollection(h.vault('other-vault').url, 'keys', { refresh: true });
    const s = await h.until(
      (s) => s.vaults[1].collections.secrets.status === 'error' && s.vaults[1].collections.keys.status === 'complete',
      'secrets to fail and keys to load',
    );
    const error = s.vaults[1].collections.secrets.error!;
    assert.equal(error.class, 'forbidden');
    assert.equal(error.status, 403);
    assert.deepEqual(error.permission, { action: 'list', collection: 'secrets' });
    const me = h.emulator.identity.identities.system;
    assert.equal(error.caller, `appid=${me.clientId};oid=${me.objectId}`);
    assert.equal(error.message, `forbidden: no list permission on secrets for appid=${me.clientId};oid=${me.objectId}`);
  });

  test('a 429 says "throttled, retrying in Ns", and the load retries by itself after Retry-After', async () => {
    h.emulator.faults.set({ throttleRate: 1, retryAfterMs: 1000, maxFaults: 1 });
    h.snapshots.length = 0;
    h.store.loadCollection(h.vault('other-vault').url, 'secrets', { refresh: true });
    await h.until((s) => s.vaults[1].collections.secrets.status === 'complete', 'the retried load');
    const throttled = h.snapshots.find((s) => s.vaults[1].collections.secrets.error?.class === 'throttled');
    assert.ok(throttled, 'a throttled state was published');
    const error = throttled.vaults[1].collections.secrets.error!;
    assert.equal(error.message, 'throttled, retrying in 1s');
    assert.equal(error.retryAfterMs, 1000);
    assert.equal(error.status, 429);
    assert.equal(h.store.getSnapshot().vaults[1].collections.secrets.error, undefined);
  });

  test('once its retries are spent a throttled load says it stopped (no "retrying in"), and a refresh loads again', async () => {
    const { startStoreHarness: start } = await import('./store-harness.js');
    const t = await start({ vaults: ['throttled-vault'], faults: { throttleRate: 1, retryAfterMs: 50 } }, { throttleRetries: 2 });
    try {
      t.store.loadCollection(t.vault().url, 'secrets');
      const s = await t.until((snap) => snap.vaults[0].collections.secrets.error?.message.includes('stopped') === true, 'the load to give up', 20_000);
      const error = s.vaults[0].collections.secrets.error!;
      assert.equal(error.class, 'throttled');
      assert.equal(error.retryAfterMs, undefined, 'no retry is scheduled');
      assert.equal(error.message, 'throttled: the vault kept answering 429; kvx stopped retrying after 2 retries');
      assert.equal(t.emulator.faults.stats.throttled, 3, 'the first try and two retries, then nothing more');
      t.emulator.faults.clear();
      t.store.loadCollection(t.vault().url, 'secrets', { refresh: true });
      await t.until((snap) => snap.vaults[0].collections.secrets.status === 'complete', 'the refreshed load');
    } finally {
      await t.stop();
    }
  });

  test('a vault nobody answers is a network error', async () => {
    const { createStore } = await import('../../src/store/create-store.js');
    const { testCredential } = await import('../emulator/support/emulator-harness.js');
    const { startEmulator } = await import('../../src/emulator/index.js');
    const { TEST_TLS_CACHE } = await import('../emulator/support/emulator-harness.js');
    const gone = await startEmulator({ vaults: ['gone-vault'], tlsCacheDir: TEST_TLS_CACHE });
    const url = gone.vaults[0].url;
    await gone.stop();
    const store = createStore({ vaults: [{ name: 'gone-vault', url, local: true }], credential: testCredential, ca: gone.caPem, retryOptions: { maxRetries: 0 } });
    try {
      store.loadCollection(url, 'secrets');
      const { waitFor } = await import('./store-harness.js');
      await waitFor(() => store.getSnapshot().vaults[0].collections.secrets.status === 'error', 'the failure');
      const error = store.getSnapshot().vaults[0].collections.secrets.error!;
      assert.equal(error.class, 'network');
      assert.equal(error.message, `network: cannot reach ${new URL(url).host} (ECONNREFUSED)`);
    } finally {
      await store.dispose();
    }
  });

  test('vaults are addressed by URL: a name is refused with the open vaults\' URLs; case and a trailing slash do not matter', async () => {
    const urls = h.store.getSnapshot().vaults.map((v) => v.url).join(', ');
    assert.throws(() => h.store.loadCollection('other-vault', 'secrets'), { message: `No vault at "other-vault" is open (vaults are addressed by URL); open vaults: ${urls}` });
    h.store.loadCollection(`${h.vault('other-vault').url.toUpperCase()}/`, 'keys', { refresh: true });
    await h.until((s) => s.vaults[1].collections.keys.status === 'complete', 'other-vault keys by its URL');
  });
});
