// Item details through the store against the emulator: versions newest first, key PEMs,
// deleted items, reveal with auto-hide, and the errors details can meet.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { KeyClient } from '@azure/keyvault-keys';
import { RestError } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { classifyError } from '../../src/store/classify-error.js';
import { detailsKey } from '../../src/store/create-store.js';
import type { ItemSummary } from '../../src/store/types.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

let h: StoreHarness;
let secrets: SecretClient;
let keys: KeyClient;
const clock = 1_000_000;

before(async () => {
  h = await startStoreHarness({ vaults: ['details-vault'] }, { now: () => clock });
  const credential = new LocalIdentityCredential({ endpoint: h.emulator.identity.identityEndpoint, identityHeader: h.emulator.identity.identityHeader });
  const options = { tlsOptions: { ca: h.emulator.caPem }, disableChallengeResourceVerification: true };
  secrets = new SecretClient(h.emulator.vaults[0].url, credential, options);
  keys = new KeyClient(h.emulator.vaults[0].url, credential, options);
  // Versions a day apart (the service's times are whole seconds), straight into the emulator.
  const store = h.emulator.vault('details-vault').store(SECRETS);
  const day = 86_400;
  const now = Math.floor(Date.now() / 1000);
  store.create('db-password', { payload: { value: 'first', contentType: 'password' }, tags: { team: 'orders' }, createdAt: now - 2 * day });
  store.create('db-password', { payload: { value: 'second' }, createdAt: now - day });
  store.create('db-password', { payload: { value: 'third-and-current', contentType: 'password' }, createdAt: now });
  await keys.createRsaKey('signing', { keySize: 2048, keyOps: ['sign', 'verify'] });
  await keys.createEcKey('ec-key', { curve: 'P-384' });
  await secrets.setSecret('old', 'x');
  await (await secrets.beginDeleteSecret('old', { intervalInMs: 5 })).pollUntilDone();
  h.store.loadCollection(h.vault('details-vault').url, 'secrets');
  h.store.loadCollection(h.vault('details-vault').url, 'keys');
  h.store.loadCollection(h.vault('details-vault').url, 'secrets', { deleted: true });
  await h.until((s) => s.vaults[0].collections.secrets.status === 'complete' && s.vaults[0].collections.keys.status === 'complete' && s.vaults[0].deleted.secrets.status === 'complete', 'lists');
});

after(async () => {
  await h?.stop();
});

function item(kind: 'keys' | 'secrets', name: string, deleted = false): ItemSummary {
  const found = h.collection(kind, { deleted }).items.find((i) => i.name === name);
  assert.ok(found, `${kind}/${name} listed`);
  return found;
}

/** The oldest version's id, from the item's details (loaded here, not by another test). */
async function oldestVersion(it: ItemSummary): Promise<string> {
  h.store.loadDetails(it);
  return (await details(it)).versions.items[2].version!;
}

async function details(it: ItemSummary, version?: string) {
  const key = detailsKey(it, version);
  const s = await h.until((s) => ['complete', 'error'].includes(s.details[key]?.status ?? '') && ['complete', 'error', 'idle'].includes(s.details[key].versions.status), `details of ${key}`);
  return s.details[key];
}

describe('secret details', () => {
  test('the current version with its attributes and tags, the versions newest first, and never the value', async () => {
    const it = item('secrets', 'db-password');
    // refresh: another test may have loaded these details already.
    h.store.loadDetails(it, { refresh: true });
    assert.equal(h.store.getSnapshot().details[it.id].status, 'loading');
    const d = await details(it);
    assert.equal(d.status, 'complete');
    assert.equal(d.item?.contentType, 'password');
    assert.equal(d.item?.enabled, true);
    assert.match(d.item?.version ?? '', /^[0-9a-f]{32}$/);
    assert.equal(d.item?.recoveryLevel, 'Recoverable+Purgeable');
    assert.equal(d.versions.status, 'complete');
    assert.equal(d.versions.items.length, 3);
    assert.equal(d.versions.items[0].version, d.item?.version, 'newest first');
    assert.deepEqual(d.versions.items[2].tags, { team: 'orders' });
    assert.ok(!JSON.stringify(h.store.getSnapshot()).includes('third-and-current'), 'no value in the snapshot');
  });

  test('one older version by its id', async () => {
    const it = item('secrets', 'db-password');
    const oldest = await oldestVersion(it);
    h.store.loadDetails(it, { version: oldest });
    const d = await details(it, oldest);
    assert.equal(d.item?.version, oldest);
    assert.deepEqual(d.item?.tags, { team: 'orders' });
    assert.equal(d.versions.status, 'idle');
  });

  test('a deleted secret shows its deletion facts', async () => {
    const it = item('secrets', 'old', true);
    h.store.loadDetails(it);
    const d = await details(it);
    assert.equal(d.status, 'complete');
    assert.ok(d.item?.deletedOn instanceof Date);
    assert.ok(d.item?.scheduledPurgeDate instanceof Date);
  });

  test('an item that is gone is notFound, and what the list showed stays', async () => {
    const it: ItemSummary = { ...item('secrets', 'db-password'), id: `${h.vault().url}/secrets/vanished`, name: 'vanished' };
    h.store.loadDetails(it);
    const d = await details(it);
    assert.equal(d.status, 'error');
    assert.equal(d.error?.class, 'notFound');
    assert.equal(d.error?.code, 'SecretNotFound');
    assert.equal(d.item?.name, 'vanished');
  });
});

describe('key details', () => {
  test('an RSA key: type, size, operations and a public key PEM node can read', async () => {
    const it = item('keys', 'signing');
    h.store.loadDetails(it);
    const d = await details(it);
    const key = d.item?.key;
    assert.equal(key?.keyType, 'RSA');
    assert.equal(key?.keySize, 2048);
    assert.deepEqual(key?.keyOps, ['sign', 'verify']);
    const pub = createPublicKey(key!.publicKeyPem!);
    assert.equal(pub.asymmetricKeyType, 'rsa');
    assert.equal(pub.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(d.versions.items.length, 1);
  });

  test('an EC key: curve and PEM', async () => {
    const it = item('keys', 'ec-key');
    h.store.loadDetails(it);
    const key = (await details(it)).item?.key;
    assert.equal(key?.keyType, 'EC');
    assert.equal(key?.curve, 'P-384');
    assert.equal(key?.keySize, undefined);
    assert.equal(createPublicKey(key!.publicKeyPem!).asymmetricKeyDetails?.namedCurve, 'secp384r1');
  });
});

describe('reveal', () => {
  test('reveal fetches the current value until hideAt (30 s by default), and hideSecret clears it', async () => {
    const it = item('secrets', 'db-password');
    await h.store.revealSecret(it);
    const revealed = h.store.getSnapshot().revealed;
    assert.equal(revealed?.value, 'third-and-current');
    assert.equal(revealed?.itemId, it.id);
    assert.equal(revealed?.hideAt, clock + 30_000);
    h.store.hideSecret();
    assert.equal(h.store.getSnapshot().revealed, undefined);
  });

  test('a revealed value is hidden again by itself after its time', async () => {
    const it = item('secrets', 'db-password');
    await h.store.revealSecret(it, { hideAfterMs: 30 });
    assert.equal(h.store.getSnapshot().revealed?.value, 'third-and-current');
    await h.until((s) => s.revealed === undefined, 'the value to be hidden');
  });

  test('a reveal hidden before its answer arrives never shows', async () => {
    const it = item('secrets', 'db-password');
    const pending = h.store.revealSecret(it);
    h.store.hideSecret();
    await pending;
    assert.equal(h.store.getSnapshot().revealed, undefined);
  });

  test('a specific version can be revealed', async () => {
    const it = item('secrets', 'db-password');
    const oldest = await oldestVersion(it);
    await h.store.revealSecret(it, { version: oldest });
    assert.deepEqual([h.store.getSnapshot().revealed?.value, h.store.getSnapshot().revealed?.version], ['first', oldest]);
    h.store.hideSecret();
  });

  test('a failed reveal is reported in revealError, without any value', async () => {
    h.emulator.faults.set({ forbidden: ['secrets/get'] });
    try {
      const it = item('secrets', 'db-password');
      await h.store.revealSecret(it);
      const s = h.store.getSnapshot();
      assert.equal(s.revealed, undefined);
      assert.equal(s.revealError?.itemId, it.id);
      assert.equal(s.revealError?.error.class, 'forbidden');
      assert.deepEqual(s.revealError?.error.permission, { action: 'get', collection: 'secrets' });
      h.store.hideSecret();
      assert.equal(h.store.getSnapshot().revealError, undefined);
    } finally {
      h.emulator.faults.clear();
    }
  });
});

describe('service errors seen by the SDK', () => {
  test('setting a secret whose name is deleted but recoverable is a conflict that says what to do', async () => {
    const error = await secrets.setSecret('old', 'again').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RestError);
    const c = classifyError(error);
    assert.equal(c.class, 'conflict');
    assert.equal(c.status, 409);
    assert.equal(c.innerCode, 'ObjectIsDeletedButRecoverable');
    assert.match(c.message, /recover or purge it first/);
  });
});
