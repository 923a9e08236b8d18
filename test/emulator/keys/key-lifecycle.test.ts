// Key management through the real KeyClient over HTTPS: create, import, get, list, versions,
// update, delete / recover / purge (pollers included), backup / restore, rotate, rotation
// policy. Every response is validated against keys.json by the harness.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import type { JsonWebKey, KeyVaultKey } from '@azure/keyvault-keys';
import { RestError } from '@azure/core-rest-pipeline';
import type { KeysHarness } from './key-test-harness.js';
import { startKeysHarness } from './key-test-harness.js';
import { runsSomeTestsOnly } from '../support/conformance-after-all.js';
import { waitFor } from '../support/emulator-harness.js';

const POLL = { intervalInMs: 20 };

function nodePublicKey(key: KeyVaultKey) {
  const jwk = key.key;
  assert.ok(jwk);
  if (jwk.kty?.startsWith('RSA')) {
    return createPublicKey({
      key: { kty: 'RSA', n: Buffer.from(jwk.n as Uint8Array).toString('base64url'), e: Buffer.from(jwk.e as Uint8Array).toString('base64url') },
      format: 'jwk',
    });
  }
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: jwk.crv === 'P-256K' ? 'secp256k1' : jwk.crv,
      x: Buffer.from(jwk.x as Uint8Array).toString('base64url'),
      y: Buffer.from(jwk.y as Uint8Array).toString('base64url'),
    },
    format: 'jwk',
  });
}

function assertNoPrivateParts(key: KeyVaultKey): void {
  for (const field of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 't'] as const) {
    assert.equal(key.key?.[field], undefined, `the key must not carry ${field}`);
  }
}

async function assertRestError(promise: Promise<unknown>, status: number, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof RestError, `expected RestError, got ${String(err)}`);
    assert.equal(err.statusCode, status);
    assert.match(err.message, pattern);
    return true;
  });
}

/** node's private JWK in the SDK's JsonWebKey shape (byte arrays). */
function sdkJwk(jwk: Record<string, unknown>, kty: string): JsonWebKey {
  const out: Record<string, unknown> = { kty };
  for (const [k, v] of Object.entries(jwk)) {
    if (k === 'kty') continue;
    out[k] = k === 'crv' ? (v === 'secp256k1' ? 'P-256K' : v) : Buffer.from(v as string, 'base64url');
  }
  return out as JsonWebKey;
}

describe('keys through KeyClient', () => {
  let h: KeysHarness;

  before(async () => {
    h = await startKeysHarness({ deleteDelayMs: 150, purgeDelayMs: 100 });
  });
  after(async () => {
    await h.stop();
    const expected = ['CreateKey 200', 'ImportKey 200', 'GetKey 200', 'GetKeys 200', 'GetKeyVersions 200', 'UpdateKey 200', 'DeleteKey 200', 'GetDeletedKey 200', 'GetDeletedKey 404', 'GetDeletedKeys 200', 'RecoverDeletedKey 200', 'PurgeDeletedKey 204', 'BackupKey 200', 'RestoreKey 200', 'RotateKey 200', 'GetKeyRotationPolicy 200', 'UpdateKeyRotationPolicy 200', 'CreateKey 400', 'CreateKey 401'];
    // Coverage is the whole file's: a run of some of its tests records only their share.
    if (!runsSomeTestsOnly()) for (const op of expected) assert.ok(h.checked.has(op), `the conformance check saw ${op}`);
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches keys.json');
  });

  it('creates RSA keys of 2048, 3072 and 4096 bits whose public JWK is the real key', async () => {
    for (const keySize of [2048, 3072, 4096]) {
      const key = await h.client.createRsaKey(`rsa-${keySize}`, { keySize });
      assert.equal(key.keyType, 'RSA');
      assert.equal(key.key?.n?.length, keySize / 8);
      assert.equal(nodePublicKey(key).asymmetricKeyDetails?.modulusLength, keySize);
      assert.deepEqual(key.keyOperations, ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey']);
      assert.equal(key.id, `${h.vaultUrl}/keys/rsa-${keySize}/${key.properties.version}`);
      assertNoPrivateParts(key);
    }
    const hsm = await h.client.createRsaKey('rsa-hsm', { hsm: true, keyOps: ['sign', 'verify'] });
    assert.equal(hsm.keyType, 'RSA-HSM');
    assert.deepEqual(hsm.keyOperations, ['sign', 'verify']);
  });

  it('creates EC keys on P-256, P-384, P-521 and P-256K (and EC-HSM) with points node:crypto accepts', async () => {
    for (const curve of ['P-256', 'P-384', 'P-521', 'P-256K'] as const) {
      const key = await h.client.createEcKey(`ec-${curve.toLowerCase()}`, { curve, hsm: curve === 'P-384' });
      assert.equal(key.keyType, curve === 'P-384' ? 'EC-HSM' : 'EC');
      assert.equal(key.key?.crv, curve);
      assert.deepEqual(key.keyOperations, ['sign', 'verify']);
      nodePublicKey(key);
      assertNoPrivateParts(key);
    }
  });

  it('creates oct-HSM keys of 128, 192 and 256 bits and never returns k', async () => {
    for (const keySize of [128, 192, 256]) {
      const key = await h.client.createOctKey(`oct-${keySize}`, { keySize, hsm: true });
      assert.equal(key.keyType, 'oct-HSM');
      assert.deepEqual(key.keyOperations, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
      assertNoPrivateParts(key);
    }
  });

  it('imports RSA, EC and oct-HSM JWKs and answers with the public parts only', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const imported = await h.client.importKey('imported-rsa', sdkJwk(rsa, 'RSA'), { hardwareProtected: true, tags: { source: 'test' } });
    assert.equal(imported.keyType, 'RSA-HSM');
    assert.equal(Buffer.from(imported.key?.n as Uint8Array).toString('base64url'), rsa.n);
    assert.deepEqual(imported.properties.tags, { source: 'test' });
    assertNoPrivateParts(imported);

    const ec = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'jwk' });
    const importedEc = await h.client.importKey('imported-ec', { ...sdkJwk(ec, 'EC'), keyOps: ['verify'] });
    assert.equal(importedEc.key?.crv, 'P-256K');
    assert.deepEqual(importedEc.keyOperations, ['verify']);
    assertNoPrivateParts(importedEc);

    const oct = await h.client.importKey('imported-oct', { kty: 'oct', k: randomBytes(32) }, { hardwareProtected: true });
    assert.equal(oct.keyType, 'oct-HSM');
    assertNoPrivateParts(oct);

    await assertRestError(
      h.client.importKey('imported-bad', { kty: 'RSA', n: Buffer.from(rsa.n as string, 'base64url'), e: Buffer.from([1, 0, 1]) }),
      400,
      /needs its private parts; missing: d, p, q, dp, dq, qi/,
    );
  });

  it('refuses bad create input with a message saying what is allowed', async () => {
    await assertRestError(h.client.createRsaKey('bad-size', { keySize: 1024 }), 400, /Supported values are 2048, 3072, 4096/);
    await assertRestError(h.client.createKey('bad-type', 'DSA' as 'RSA'), 400, /Unsupported key type "DSA"/);
    await assertRestError(h.client.createEcKey('bad-ops', { keyOps: ['encrypt'] }), 400, /Unsupported key operation\(s\): "encrypt"/);
    await assertRestError(h.client.createKey('bad_name', 'EC'), 400, /names are 1 to 127 characters/);
  });

  it('gets the latest and a given version, lists versions, and updates key_ops, enabled, exp, nbf and tags', async () => {
    const first = await h.client.createEcKey('versioned', { tags: { v: '1' } });
    const second = await h.client.createEcKey('versioned', { tags: { v: '2' } });
    const latest = await h.client.getKey('versioned');
    assert.equal(latest.properties.version, second.properties.version);
    const old = await h.client.getKey('versioned', { version: first.properties.version });
    assert.deepEqual(old.key?.x, first.key?.x);

    const versions: string[] = [];
    for await (const props of h.client.listPropertiesOfKeyVersions('versioned')) versions.push(props.version as string);
    assert.deepEqual(versions.sort(), [first.properties.version, second.properties.version].sort());

    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const expiresOn = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
    const updated = await h.client.updateKeyProperties('versioned', first.properties.version as string, {
      enabled: false,
      notBefore,
      expiresOn,
      keyOps: ['verify'],
      tags: { v: 'one' },
    });
    assert.equal(updated.properties.enabled, false);
    assert.deepEqual(updated.properties.notBefore, notBefore);
    assert.deepEqual(updated.properties.expiresOn, expiresOn);
    assert.deepEqual(updated.keyOperations, ['verify']);
    assert.deepEqual(updated.properties.tags, { v: 'one' });
    // the update touched only that version
    assert.deepEqual((await h.client.getKey('versioned')).properties.tags, { v: '2' });
    await assertRestError(
      h.client.updateKeyProperties('versioned', first.properties.version as string, { keyOps: ['decrypt'] }),
      400,
      /Supported values are "sign", "verify"/,
    );
  });

  it('lists keys page by page with versionless kids', async () => {
    for (let i = 0; i < 7; i++) await h.client.createOctKey(`paged-${i}`, { hsm: true, keySize: 128 });
    const names: string[] = [];
    let pages = 0;
    for await (const page of h.client.listPropertiesOfKeys().byPage({ maxPageSize: 4 })) {
      pages++;
      assert.ok(page.length <= 4);
      for (const props of page) {
        assert.equal(props.id, `${h.vaultUrl}/keys/${props.name}`);
        assert.equal(props.version, undefined);
        names.push(props.name);
      }
    }
    assert.ok(pages >= 2, 'more than one page');
    for (let i = 0; i < 7; i++) assert.ok(names.includes(`paged-${i}`));
    assert.equal(new Set(names).size, names.length, 'no key listed twice');
  });

  it('the delete poller waits until the delete has finished; then get deleted, list deleted and purge', async () => {
    await h.client.createEcKey('to-delete');
    const poller = await h.client.beginDeleteKey('to-delete', POLL);
    const deleted = await poller.pollUntilDone();
    assert.equal(deleted.name, 'to-delete');
    assert.equal(deleted.properties.recoveryId, `${h.vaultUrl}/deletedkeys/to-delete`);
    assert.ok(deleted.properties.deletedOn instanceof Date);
    assert.ok(deleted.properties.scheduledPurgeDate instanceof Date);
    assertNoPrivateParts(deleted);

    await assertRestError(h.client.getKey('to-delete'), 404, /was not found/);
    const fetched = await h.client.getDeletedKey('to-delete');
    assert.equal(fetched.key?.crv, 'P-256');
    const listed: string[] = [];
    for await (const item of h.client.listDeletedKeys()) listed.push(item.name);
    assert.ok(listed.includes('to-delete'));

    await h.client.purgeDeletedKey('to-delete');
    await assertRestError(h.client.getDeletedKey('to-delete'), 404, /Deleted Key not found/);
  });

  it('the recover poller brings a deleted key back with the same material', async () => {
    const key = await h.client.createRsaKey('to-recover');
    await (await h.client.beginDeleteKey('to-recover', POLL)).pollUntilDone();
    const recovered = await (await h.client.beginRecoverDeletedKey('to-recover', POLL)).pollUntilDone();
    assert.equal(recovered.properties.version, key.properties.version);
    assert.deepEqual((await h.client.getKey('to-recover')).key?.n, key.key?.n);
  });

  it('backup and restore bring back every version and a key that still signs', async () => {
    const v1 = await h.client.createEcKey('backed-up', { curve: 'P-384' });
    const v2 = await h.client.createEcKey('backed-up', { curve: 'P-384', tags: { latest: 'yes' } });
    const blob = await h.client.backupKey('backed-up');
    assert.ok(blob && blob.length > 0);
    await (await h.client.beginDeleteKey('backed-up', POLL)).pollUntilDone();
    await h.client.purgeDeletedKey('backed-up');
    // the purge takes purgeDelayMs; restore succeeds once the name is free (with a deadline)
    let restored: KeyVaultKey | undefined;
    await waitFor(async () => {
      try {
        restored = await h.client.restoreKeyBackup(blob);
        return true;
      } catch (err) {
        if (!(err instanceof RestError && err.statusCode === 409)) throw err;
        return false;
      }
    }, 'the purge to free the name');
    assert.ok(restored);
    assert.equal(restored.properties.version, v2.properties.version);
    assert.deepEqual(restored.properties.tags, { latest: 'yes' });
    const versions: string[] = [];
    for await (const p of h.client.listPropertiesOfKeyVersions('backed-up')) versions.push(p.version as string);
    assert.equal(versions.length, 2);
    assert.ok(versions.includes(v1.properties.version as string));

    const data = Buffer.from('after restore');
    const signed = await h.crypto(restored).signData('ES384', data);
    assert.ok(verify('sha384', data, { key: nodePublicKey(v2), dsaEncoding: 'ieee-p1363' }, Buffer.from(signed.result)));
    await assertRestError(h.client.restoreKeyBackup(Buffer.from('not a backup')), 400, /not a valid key backup/);
  });

  it('rotate makes a new version with new material of the same type; the policy sets its expiry', async () => {
    const original = await h.client.createRsaKey('rotating', { keySize: 3072, keyOps: ['sign', 'verify'], tags: { team: 'a' } });
    const defaultPolicy = await h.client.getKeyRotationPolicy('rotating');
    assert.equal(defaultPolicy.id, `${h.vaultUrl}/keys/rotating/rotationpolicy`);
    assert.deepEqual(defaultPolicy.lifetimeActions, [{ action: 'Notify', timeBeforeExpiry: 'P30D', timeAfterCreate: undefined }]);

    const policy = await h.client.updateKeyRotationPolicy('rotating', {
      lifetimeActions: [
        { action: 'Rotate', timeAfterCreate: 'P90D' },
        { action: 'Notify', timeBeforeExpiry: 'P30D' },
      ],
      expiresIn: 'P1Y',
    });
    assert.equal(policy.expiresIn, 'P1Y');
    assert.ok(policy.createdOn instanceof Date);
    assert.equal(policy.lifetimeActions?.length, 2);
    const reread = await h.client.getKeyRotationPolicy('rotating');
    assert.deepEqual(reread.lifetimeActions, policy.lifetimeActions);

    const rotated = await h.client.rotateKey('rotating');
    assert.notEqual(rotated.properties.version, original.properties.version);
    assert.equal(rotated.keyType, 'RSA');
    assert.equal(rotated.key?.n?.length, 384);
    assert.notDeepEqual(rotated.key?.n, original.key?.n);
    assert.deepEqual(rotated.keyOperations, ['sign', 'verify']);
    assert.deepEqual(rotated.properties.tags, { team: 'a' });
    const created = rotated.properties.createdOn?.getTime() as number;
    assert.equal(rotated.properties.expiresOn?.getTime(), created + 365 * 86_400_000);

    await assertRestError(
      h.client.updateKeyRotationPolicy('rotating', { expiresIn: 'P7D' }),
      400,
      /expiryTime' must be at least 28 days/,
    );
    await assertRestError(
      h.client.updateKeyRotationPolicy('rotating', { lifetimeActions: [{ action: 'Rotate', timeAfterCreate: 'ninety days' }] }),
      400,
      /ISO 8601 duration/,
    );
  });

  it('signs with the key material the response describes', async () => {
    const key = await h.client.createEcKey('describes', { curve: 'P-256K' });
    const digest = createHash('sha256').update('x').digest();
    const { result } = await h.crypto(key).sign('ES256K', digest);
    assert.ok(verify('sha256', Buffer.from('x'), { key: nodePublicKey(key), dsaEncoding: 'ieee-p1363' }, Buffer.from(result)));
  });
});

describe('keys while a delete or purge is still running', () => {
  it('purging a key that is still being deleted is a 409 Conflict', async () => {
    const h = await startKeysHarness();
    // Held by a gate, not by a long delay: the delete is unfinished until the test ends.
    const gate = h.emulator.gates.hold({ operation: 'delete', name: 'still-deleting' });
    try {
      await h.client.createEcKey('still-deleting');
      await h.client.beginDeleteKey('still-deleting', POLL);
      await assertRestError(h.client.purgeDeletedKey('still-deleting'), 409, /currently being deleted/);
      await assertRestError(h.client.getKey('still-deleting'), 404, /was not found/);
      await assertRestError(h.client.createEcKey('still-deleting'), 409, /currently being deleted/);
      assert.deepEqual(h.problems(), []);
    } finally {
      gate.release();
      await h.stop();
    }
  });

  it('restoring a backup while its name is still being purged is a 409 Conflict', async () => {
    // The emulator's clock stands still, so the purge delay never runs out during the test.
    const frozen = Date.now();
    const h = await startKeysHarness({ purgeDelayMs: 1000, clock: () => frozen });
    try {
      await h.client.createEcKey('purging');
      const blob = (await h.client.backupKey('purging')) as Uint8Array;
      await (await h.client.beginDeleteKey('purging', POLL)).pollUntilDone();
      await h.client.purgeDeletedKey('purging');
      await assertRestError(h.client.restoreKeyBackup(blob), 409, /currently being deleted/);
      assert.deepEqual(h.problems(), []);
    } finally {
      await h.stop();
    }
  });
});
