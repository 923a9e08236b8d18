// Enrichment of listed keys and certificates against the emulator: the list APIs carry neither
// a key's type nor a certificate's issuer, so the store looks up the rows it is asked about,
// a few at a time, and merges the answers into the list. Tests that change keys or need rows
// enriched first do so in a vault of their own, so none relies on another's leftovers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { describeIssuer } from '../../src/store/enrich-items.js';
import type { ItemSummary } from '../../src/store/types.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness, waitFor } from './store-harness.js';

let h: StoreHarness;
type Logged = RequestLogEntry & { at: number };
let log: Logged[] = [];
let keys: KeyClient;
let certificates: CertificateClient;
const VAULT = 'enrich-vault';
const MANY = 'many-vault';
const MERGE = 'merge-vault';
let credential: LocalIdentityCredential;

before(async () => {
  h = await startStoreHarness({ vaults: [VAULT, MANY, MERGE], onRequest: (e) => log.push({ ...e, at: performance.now() }) });
  credential = new LocalIdentityCredential({ endpoint: h.emulator.identity.identityEndpoint, identityHeader: h.emulator.identity.identityHeader });
  const options = { tlsOptions: { ca: h.emulator.caPem }, disableChallengeResourceVerification: true };
  keys = new KeyClient(h.emulator.vaults[0].url, credential, options);
  certificates = new CertificateClient(h.emulator.vaults[0].url, credential, options);
  await keys.createRsaKey('rsa-2048', { keySize: 2048 });
  await keys.createRsaKey('rsa-hsm-3072', { keySize: 3072, hsm: true });
  await keys.createEcKey('ec-p256', { curve: 'P-256' });
  await keys.createEcKey('ec-p384', { curve: 'P-384' });
  await keys.createOctKey('oct-hsm', { hsm: true });
  await (await certificates.beginCreateCertificate('self-signed', { issuerName: 'Self', subject: 'CN=self.contoso.com' }, { intervalInMs: 5 })).pollUntilDone();
  await certificates.createIssuer('digicert-emu', 'DigiCert', { accountId: 'acct-1', password: 'issuer-password' });
  await (await certificates.beginCreateCertificate('via-ca', { issuerName: 'digicert-emu', subject: 'CN=shop.contoso.com' }, { intervalInMs: 5 })).pollUntilDone();
  await certificates.beginCreateCertificate('external', { issuerName: 'Unknown', subject: 'CN=partner.contoso.com' }, { intervalInMs: 5 });
  const many = new KeyClient(h.emulator.vaults[1].url, credential, options);
  await Promise.all(Array.from({ length: 40 }, (_, i) => many.createEcKey(`key-${String(i).padStart(2, '0')}`, { curve: 'P-256' })));
});

after(async () => {
  await h?.stop();
});

async function loaded(kind: 'keys' | 'certificates', vault = VAULT): Promise<readonly ItemSummary[]> {
  h.store.loadCollection(h.vault(vault).url, kind);
  await h.until((s) => s.vaults.find((v) => v.name === vault)?.collections[kind].status === 'complete', `${vault} ${kind} listed`);
  return h.collection(kind, { vault }).items;
}

/** GETs of single items (not lists) in a collection, by item name. */
function itemGets(kind: 'keys' | 'certificates', vault: string): string[] {
  const re = new RegExp(`^/${kind}/([^/]+)/?$`);
  return log.filter((e) => e.vault === vault && e.method === 'GET').flatMap((e) => re.exec(e.path)?.[1] ?? []);
}

describe('enrichItems', () => {
  test('keys of each type show type and size or curve', async () => {
    const items = await loaded('keys');
    assert.ok(items.every((i) => i.keyType === undefined), 'the list API says nothing about key types');
    h.store.enrichItems(h.vault(VAULT).url, 'keys', items.map((i) => i.id));
    await h.until((s) => s.vaults[0].collections.keys.items.every((i) => i.keyType !== undefined), 'key types');
    // Certificates' own keys (managed) are listed too; they are RSA 2048 by the default policy.
    const listed = h.collection('keys').items;
    assert.deepEqual(listed.filter((i) => i.managed).map((i) => i.keyType), ['RSA 2048', 'RSA 2048', 'RSA 2048']);
    const types = Object.fromEntries(listed.filter((i) => !i.managed).map((i) => [i.name, i.keyType]));
    assert.deepEqual(types, { 'ec-p256': 'EC P-256', 'ec-p384': 'EC P-384', 'oct-hsm': 'oct-HSM', 'rsa-2048': 'RSA 2048', 'rsa-hsm-3072': 'RSA-HSM 3072' });
  });

  test('certificates show who issued them: Self, the CA that signed it, or the policy issuer while pending', async () => {
    const items = await loaded('certificates');
    h.store.enrichItems(h.vault(VAULT).url, 'certificates', items.map((i) => i.id));
    await h.until((s) => s.vaults[0].collections.certificates.items.every((i) => i.issuer !== undefined), 'issuers');
    const issuers = Object.fromEntries(h.collection('certificates').items.map((i) => [i.name, i.issuer]));
    assert.equal(issuers['self-signed'], 'Self');
    assert.match(issuers['via-ca'] ?? '', /DigiCert/);
    // Not issued yet (the emulator leaves pending ones out of lists): the policy's issuer.
    const pending = await certificates.getCertificate('external');
    assert.equal(describeIssuer(pending.cer, pending.policy), 'Unknown');
  });

  test('answers are merged with structural sharing, and asked once per item version', async () => {
    const mergeKeys = new KeyClient(h.emulator.vaults[2].url, credential, { tlsOptions: { ca: h.emulator.caPem }, disableChallengeResourceVerification: true });
    await mergeKeys.createEcKey('ec-p256', { curve: 'P-256' });
    await mergeKeys.createRsaKey('rsa-2048', { keySize: 2048 });
    const merge = () => h.collection('keys', { vault: MERGE });
    const listed = await loaded('keys', MERGE);
    h.store.enrichItems(h.vault(MERGE).url, 'keys', listed.map((i) => i.id));
    await h.until((s) => s.vaults[2].collections.keys.items.every((i) => i.keyType !== undefined), 'key types');
    const before = merge();
    const gets = itemGets('keys', MERGE).length;
    h.store.enrichItems(h.vault(MERGE).url, 'keys', before.items.map((i) => i.id));
    assert.equal(merge(), before, 'nothing new: the same collection object');
    // A refresh lists the items again; their cached types come along without new lookups.
    h.store.loadCollection(h.vault(MERGE).url, 'keys', { refresh: true });
    await h.until((s) => s.vaults[2].collections.keys.status === 'complete', 'refreshed');
    assert.deepEqual(merge().items.map((i) => i.keyType), before.items.map((i) => i.keyType));
    assert.equal(itemGets('keys', MERGE).length, gets);
    // A new version updates the item: it is looked up again, and only it. The service's
    // timestamps are whole seconds, so a version made by someone else within the same second
    // cannot be told apart from a list: wait for the clock to pass that second first.
    const lastUpdate = Math.floor((before.items.find((i) => i.name === 'ec-p256')?.updatedOn?.getTime() ?? 0) / 1000);
    await waitFor(() => Math.floor(Date.now() / 1000) > lastUpdate, 'the next second', 3000);
    await mergeKeys.createEcKey('ec-p256', { curve: 'P-521' });
    h.store.loadCollection(h.vault(MERGE).url, 'keys', { refresh: true });
    await h.until((s) => s.vaults[2].collections.keys.status === 'complete', 'refreshed after a new version');
    const refreshed = merge();
    h.store.enrichItems(h.vault(MERGE).url, 'keys', refreshed.items.map((i) => i.id));
    await h.until((s) => s.vaults[2].collections.keys.items.find((i) => i.name === 'ec-p256')?.keyType === 'EC P-521', 'new version type');
    assert.deepEqual(itemGets('keys', MERGE).slice(gets), ['ec-p256']);
    const after = merge();
    for (const [i, item] of after.items.entries()) if (item.name !== 'ec-p256') assert.equal(item, refreshed.items[i], `${item.name} kept its object`);
  });

  test('only the ids asked for are fetched, at most four at a time', async () => {
    h.emulator.faults.set({ latencyMs: 40 });
    try {
      const items = await loaded('keys', MANY);
      log = [];
      const window = items.slice(10, 22);
      h.store.enrichItems(h.vault(MANY).url, 'keys', window.map((i) => i.id));
      await h.until((s) => s.vaults[1].collections.keys.items.slice(10, 22).every((i) => i.keyType === 'EC P-256'), 'window enriched');
      assert.deepEqual(itemGets('keys', MANY).sort(), window.map((i) => i.name).sort());
      assert.ok(h.collection('keys', { vault: MANY }).items.slice(0, 10).every((i) => i.keyType === undefined), 'rows outside the window untouched');
      // Each request waited 40 ms in the emulator: more than four at once would show as overlap.
      const gets = log.filter((e) => e.method === 'GET' && /^\/keys\/[^/]+\/?$/.test(e.path));
      assert.equal(gets.length, 12);
      assert.ok(maxOverlap(gets) <= 4, `at most four in flight, saw ${maxOverlap(gets)}`);
    } finally {
      h.emulator.faults.set({});
    }
  });

  test('a newer window replaces the older one: queued ids are dropped', async () => {
    const items = await loaded('keys', MANY);
    h.emulator.faults.set({ latencyMs: 150 });
    try {
      log = [];
      const first = items.slice(24, 36);
      const second = items.slice(36, 40);
      h.store.enrichItems(h.vault(MANY).url, 'keys', first.map((i) => i.id));
      h.store.enrichItems(h.vault(MANY).url, 'keys', second.map((i) => i.id));
      await h.until((s) => s.vaults[1].collections.keys.items.slice(36, 40).every((i) => i.keyType !== undefined), 'second window');
      // The first window's first four had started (and were aborted); the other eight never went out.
      await waitFor(() => log.filter((e) => /^\/keys\//.test(e.path)).length >= 4, 'first window answered or aborted');
      // Barrier: whatever was sent has been answered and logged before counting.
      await h.emulator.idle();
      const firstNames = new Set(first.map((i) => i.name));
      assert.ok(itemGets('keys', MANY).filter((n) => firstNames.has(n)).length <= 4);
      assert.ok(h.collection('keys', { vault: MANY }).items.slice(28, 36).every((i) => i.keyType === undefined));
    } finally {
      h.emulator.faults.set({});
    }
  });

  test('a 403 on get leaves the cells empty, the list working and no error; it is not asked again', async () => {
    h.emulator.faults.set({ forbidden: ['keys/get'] });
    try {
      const items = await loaded('keys', MANY);
      const todo = items.slice(0, 6);
      log = [];
      h.store.enrichItems(h.vault(MANY).url, 'keys', todo.map((i) => i.id));
      await waitFor(() => log.filter((e) => e.status === 403).length === 6, 'six refusals');
      h.store.enrichItems(h.vault(MANY).url, 'keys', todo.map((i) => i.id));
      h.store.loadCollection(h.vault(MANY).url, 'keys', { refresh: true });
      await h.until((s) => s.vaults[1].collections.keys.status === 'complete', 'list still loads');
      await h.emulator.idle();
      const c = h.collection('keys', { vault: MANY });
      assert.equal(c.error, undefined);
      assert.ok(c.items.slice(0, 6).every((i) => i.keyType === undefined));
      assert.equal(log.filter((e) => e.status === 403).length, 6, 'refusals remembered');
    } finally {
      h.emulator.faults.set({});
    }
  });

  test('secrets have nothing to add and are never looked up', async () => {
    h.addSecrets(3, VAULT);
    h.store.loadCollection(h.vault(VAULT).url, 'secrets');
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'secrets');
    log = [];
    h.store.enrichItems(h.vault(VAULT).url, 'secrets', h.collection('secrets').items.map((i) => i.id));
    h.store.loadCollection(h.vault(VAULT).url, 'secrets', { refresh: true });
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'secrets again');
    await h.emulator.idle();
    assert.deepEqual(log.filter((e) => /^\/secrets\/[^/]+/.test(e.path)), []);
  });
});

/** Largest number of requests in flight at once; each entry is logged when answered, `ms` after it arrived. */
function maxOverlap(entries: readonly Logged[]): number {
  const spans = entries.map((e) => ({ start: e.at - e.ms, end: e.at }));
  // `ms` is rounded: an answer within a millisecond of the next start does not count as overlap.
  return Math.max(0, ...spans.map((s) => spans.filter((o) => o.start <= s.start && o.end > s.start + 1).length));
}
