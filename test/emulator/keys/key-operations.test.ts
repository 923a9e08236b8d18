// The data operations through the real CryptographyClient over HTTPS, cross-checked with
// node:crypto against the public JWK the emulator returns (and, for imported keys, against
// the private key the test holds).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  verify,
  type KeyObject,
} from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import type { DecryptParameters, KeyVaultKey } from '@azure/keyvault-keys';
import type { KeysHarness } from './key-test-harness.js';
import { startKeysHarness } from './key-test-harness.js';
import { runsSomeTestsOnly } from '../support/conformance-after-all.js';

function b64u(bytes: Uint8Array | undefined): string {
  return Buffer.from(bytes as Uint8Array).toString('base64url');
}

function nodePublicKey(key: KeyVaultKey): KeyObject {
  const jwk = key.key;
  if (jwk?.kty?.startsWith('RSA')) return createPublicKey({ key: { kty: 'RSA', n: b64u(jwk.n), e: b64u(jwk.e) }, format: 'jwk' });
  const crv = jwk?.crv === 'P-256K' ? 'secp256k1' : jwk?.crv;
  return createPublicKey({ key: { kty: 'EC', crv, x: b64u(jwk?.x), y: b64u(jwk?.y) }, format: 'jwk' });
}

async function assertRestError(promise: Promise<unknown>, status: number, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof RestError, `expected RestError, got ${String(err)}`);
    assert.equal(err.statusCode, status);
    assert.match(err.message, pattern);
    return true;
  });
}

const HASHES = { '256': 'sha256', '384': 'sha384', '512': 'sha512' } as const;

describe('key operations through CryptographyClient', () => {
  let h: KeysHarness;
  let rsa: KeyVaultKey;

  before(async () => {
    h = await startKeysHarness();
    rsa = await h.client.createRsaKey('ops-rsa', { keySize: 2048 });
  });
  after(async () => {
    await h.stop();
    // Coverage is the whole file's: a run of some of its tests records only their share.
    if (runsSomeTestsOnly()) return;
    for (const op of ['sign 200', 'verify 200', 'encrypt 200', 'decrypt 200', 'wrapKey 200', 'unwrapKey 200', 'decrypt 400']) {
      assert.ok(h.checked.has(op), `the conformance check saw ${op}`);
    }
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches keys.json');
  });

  for (const bits of ['256', '384', '512'] as const) {
    it(`RS${bits} and PS${bits} signatures from the emulator verify with node:crypto and in the emulator`, async () => {
      const crypto = h.crypto(rsa.id as string);
      const data = randomBytes(64);
      const digest = createHash(HASHES[bits]).update(data).digest();
      const rs = await crypto.sign(`RS${bits}`, digest);
      assert.equal(rs.keyID, rsa.id);
      assert.ok(verify(HASHES[bits], data, nodePublicKey(rsa), Buffer.from(rs.result)));
      assert.equal((await crypto.verify(`RS${bits}`, digest, rs.result)).result, true);

      const ps = await crypto.signData(`PS${bits}`, data);
      const pssKey = { key: nodePublicKey(rsa), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 };
      assert.ok(verify(HASHES[bits], data, pssKey, Buffer.from(ps.result)));
      assert.equal((await crypto.verify(`PS${bits}`, digest, ps.result)).result, true);
      const tampered = Buffer.from(ps.result);
      tampered[0] ^= 1;
      assert.equal((await crypto.verify(`PS${bits}`, digest, tampered)).result, false);
    });
  }

  for (const [alg, curve, hash] of [
    ['ES256', 'P-256', 'sha256'],
    ['ES384', 'P-384', 'sha384'],
    ['ES512', 'P-521', 'sha512'],
    ['ES256K', 'P-256K', 'sha256'],
  ] as const) {
    it(`${alg} signatures on ${curve} verify with node:crypto (r||s) and in the emulator`, async () => {
      const key = await h.client.createEcKey(`ops-${alg.toLowerCase()}`, { curve });
      const crypto = h.crypto(key);
      const data = randomBytes(50);
      const signed = await crypto.signData(alg, data);
      assert.ok(verify(hash, data, { key: nodePublicKey(key), dsaEncoding: 'ieee-p1363' }, Buffer.from(signed.result)));
      const digest = createHash(hash).update(data).digest();
      assert.equal((await crypto.verify(alg, digest, signed.result)).result, true);
      const other = createHash(hash).update('other').digest();
      assert.equal((await crypto.verify(alg, other, signed.result)).result, false);
    });
  }

  it('a CryptographyClient for a versionless key id operates on the current version', async () => {
    const crypto = h.client.getCryptographyClient('ops-rsa');
    const data = Buffer.from('latest');
    const signed = await crypto.signData('RS256', data);
    assert.ok(verify('sha256', data, nodePublicKey(rsa), Buffer.from(signed.result)));
  });

  it('a signature algorithm that does not fit the curve is a 400 naming the right one', async () => {
    const key = await h.client.createEcKey('ops-mismatch', { curve: 'P-256' });
    await assertRestError(h.crypto(key).sign('ES384', randomBytes(48)), 400, /Supported values for sign with this key are ES256/);
  });

  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'] as const) {
    it(`${alg}: a ciphertext made locally with the returned public key decrypts in the emulator`, async () => {
      const plaintext = randomBytes(32);
      const local = publicEncrypt(
        {
          key: nodePublicKey(rsa),
          padding: alg === 'RSA1_5' ? constants.RSA_PKCS1_PADDING : constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: alg === 'RSA-OAEP-256' ? 'sha256' : 'sha1',
        },
        plaintext,
      );
      const crypto = h.crypto(rsa.id as string);
      assert.deepEqual(Buffer.from((await crypto.decrypt({ algorithm: alg, ciphertext: local })).result), plaintext);
      assert.deepEqual(Buffer.from((await crypto.unwrapKey(alg, local)).result), plaintext);
      // the SDK encrypts RSA-OAEP and RSA1_5 itself and sends RSA-OAEP-256 to the emulator
      const encrypted = await crypto.encrypt({ algorithm: alg, plaintext });
      assert.deepEqual(Buffer.from((await crypto.decrypt({ algorithm: alg, ciphertext: encrypted.result })).result), plaintext);
      const wrapped = await crypto.wrapKey(alg, plaintext);
      assert.deepEqual(Buffer.from((await crypto.unwrapKey(alg, wrapped.result)).result), plaintext);
    });
  }

  it('RSA-OAEP-256 encryption and wrapping in the emulator decrypt with the imported private key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const fields = Object.fromEntries(
      Object.entries(jwk)
        .filter(([k]) => k !== 'kty')
        .map(([k, v]) => [k, Buffer.from(v as string, 'base64url')]),
    );
    const key = await h.client.importKey('ops-imported-rsa', { kty: 'RSA', ...fields });
    const crypto = h.crypto(key);
    const plaintext = randomBytes(40);
    const encrypted = await crypto.encrypt({ algorithm: 'RSA-OAEP-256', plaintext });
    const oaep256 = { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
    assert.deepEqual(privateDecrypt(oaep256, encrypted.result), plaintext);
    const wrapped = await crypto.wrapKey('RSA-OAEP-256', plaintext);
    assert.deepEqual(privateDecrypt(oaep256, wrapped.result), plaintext);
  });

  it('A256GCM: the emulator picks the IV, returns the tag, and node:crypto decrypts with the imported key', async () => {
    const k = randomBytes(32);
    const key = await h.client.importKey('ops-imported-oct', { kty: 'oct-HSM', k: Buffer.from(k) });
    assert.equal(key.key?.k, undefined);
    const crypto = h.crypto(key.id as string);
    const plaintext = Buffer.from('attack at dawn');
    const aad = Buffer.from('header');
    const out = await crypto.encrypt({ algorithm: 'A256GCM', plaintext, additionalAuthenticatedData: aad });
    assert.equal(out.iv?.length, 12);
    assert.equal(out.authenticationTag?.length, 16);
    const d = createDecipheriv('aes-256-gcm', k, out.iv as Uint8Array);
    d.setAAD(aad);
    d.setAuthTag(out.authenticationTag as Uint8Array);
    assert.deepEqual(Buffer.concat([d.update(out.result), d.final()]), plaintext);

    const back = await crypto.decrypt({
      algorithm: 'A256GCM',
      ciphertext: out.result,
      iv: out.iv as Uint8Array,
      authenticationTag: out.authenticationTag as Uint8Array,
      additionalAuthenticatedData: aad,
    });
    assert.deepEqual(Buffer.from(back.result), plaintext);

    // and a ciphertext made locally decrypts in the emulator
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', k, iv);
    const local = Buffer.concat([c.update(plaintext), c.final()]);
    const fromLocal = await crypto.decrypt({ algorithm: 'A256GCM', ciphertext: local, iv, authenticationTag: c.getAuthTag() });
    assert.deepEqual(Buffer.from(fromLocal.result), plaintext);
    await assertRestError(
      crypto.decrypt({ algorithm: 'A256GCM', ciphertext: local, iv, authenticationTag: randomBytes(16) }),
      400,
      /tag does not match/,
    );
  });

  it('A128CBC, A192CBCPAD and A256KW on oct-HSM keys round-trip and match node:crypto', async () => {
    const k = randomBytes(16);
    const key128 = await h.client.importKey('ops-oct-128', { kty: 'oct-HSM', k: Buffer.from(k) });
    const crypto128 = h.crypto(key128);
    const iv = randomBytes(16);
    const block = randomBytes(32);
    const cbc = await crypto128.encrypt({ algorithm: 'A128CBC', plaintext: block, iv });
    const c = createCipheriv('aes-128-cbc', k, iv).setAutoPadding(false);
    assert.deepEqual(Buffer.from(cbc.result), Buffer.concat([c.update(block), c.final()]));
    assert.deepEqual(Buffer.from((await crypto128.decrypt({ algorithm: 'A128CBC', ciphertext: cbc.result, iv })).result), block);

    const wrapped = await crypto128.wrapKey('A128KW', block);
    const unwrapLocally = createDecipheriv('id-aes128-wrap', k, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
    assert.deepEqual(Buffer.concat([unwrapLocally.update(wrapped.result), unwrapLocally.final()]), block);

    const key192 = await h.client.createOctKey('ops-oct-192', { keySize: 192, hsm: true });
    const crypto192 = h.crypto(key192);
    const odd = randomBytes(21);
    const padded = await crypto192.encrypt({ algorithm: 'A192CBCPAD', plaintext: odd, iv });
    assert.equal(padded.result.length, 32);
    assert.deepEqual(Buffer.from((await crypto192.decrypt({ algorithm: 'A192CBCPAD', ciphertext: padded.result, iv })).result), odd);

    const key256 = await h.client.createOctKey('ops-oct-256', { keySize: 256, hsm: true });
    const crypto256 = h.crypto(key256);
    const cek = randomBytes(32);
    const kw = await crypto256.wrapKey('A256KW', cek);
    assert.deepEqual(Buffer.from((await crypto256.unwrapKey('A256KW', kw.result)).result), cek);
    await assertRestError(crypto256.wrapKey('A128KW', cek), 400, /Supported values for wrapKey with this key are A256KW/);
  });
});

describe('key operation checks the emulator makes itself', () => {
  // Without keys/get the CryptographyClient cannot fetch the key, so it skips its own
  // key_ops and expiry checks and sends everything to the emulator.
  let h: KeysHarness;

  before(async () => {
    h = await startKeysHarness({ faults: { forbidden: ['keys/get'] } });
  });
  after(async () => {
    await h.stop();
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches keys.json');
  });

  it('an operation outside the key_ops is a 403 KeyOperationForbidden', async () => {
    const key = await h.client.createRsaKey('only-sign', { keyOps: ['sign', 'verify'] });
    await assertRestError(h.crypto(key.id as string).decrypt({ algorithm: 'RSA-OAEP-256', ciphertext: randomBytes(256) }), 403, /Operation decrypt is not permitted on this key/);
  });

  it('a disabled key refuses every operation with 403', async () => {
    const key = await h.client.createEcKey('disabled', { enabled: false });
    await assertRestError(h.crypto(key.id as string).sign('ES256', randomBytes(32)), 403, /not allowed on a disabled key/);
  });

  it('an expired key refuses sign and encrypt but still verifies and decrypts', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = await h.client.createRsaKey('expired', { notBefore: new Date((now - 7200) * 1000) });
    const crypto = h.crypto(key.id as string);
    const digest = randomBytes(32);
    const signature = (await crypto.sign('RS256', digest)).result;
    const ciphertext = (await crypto.encrypt({ algorithm: 'RSA-OAEP-256', plaintext: Buffer.from('kept') })).result;
    await h.client.updateKeyProperties('expired', key.properties.version as string, { expiresOn: new Date((now - 60) * 1000) });
    await assertRestError(crypto.sign('RS256', digest), 403, /the key expired at/);
    await assertRestError(crypto.encrypt({ algorithm: 'RSA-OAEP-256', plaintext: Buffer.from('x') }), 403, /expired/);
    assert.equal((await crypto.verify('RS256', digest, signature)).result, true);
    assert.equal(Buffer.from((await crypto.decrypt({ algorithm: 'RSA-OAEP-256', ciphertext })).result).toString(), 'kept');
  });

  it('a key that is not yet valid refuses wrapKey with 403', async () => {
    const key = await h.client.createRsaKey('future', { notBefore: new Date(Date.now() + 86_400_000) });
    await assertRestError(h.crypto(key.id as string).wrapKey('RSA-OAEP-256', randomBytes(32)), 403, /not allowed before/);
  });

  it('a digest of the wrong length is a 400 saying the expected length', async () => {
    const key = await h.client.createRsaKey('digest-length');
    await assertRestError(h.crypto(key.id as string).sign('RS384', randomBytes(32)), 400, /must be 48 bytes \(SHA384\); got 32/);
  });

  it('AES-CBC decryption without an iv says what is missing', async () => {
    const key = await h.client.createOctKey('no-iv', { hsm: true });
    await assertRestError(
      // The SDK's types require an iv for CBC; leaving it out is the point of this test.
      h.crypto(key.id as string).decrypt({ algorithm: 'A256CBC', ciphertext: randomBytes(16) } as unknown as DecryptParameters),
      400,
      /A256CBC needs an 'iv' of 16 bytes; got none/,
    );
  });
});

