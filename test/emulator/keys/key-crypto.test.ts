import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { decrypt, encrypt, signDigest, unwrapKey, verifyDigest, wrapKey } from '../../../src/emulator/keys/key-crypto.js';
import { ServiceError } from '../../../src/emulator/errors.js';
import {
  asymmetricKeys,
  defaultKeyOps,
  generateKeyMaterial,
  octSecret,
  publicJwk,
  type KeyMaterial,
} from '../../../src/emulator/keys/key-material.js';

/** The public key a client would build from the JWK the emulator returns. */
function clientPublicKey(material: KeyMaterial): KeyObject {
  const pub = publicJwk(material, 'kid', defaultKeyOps(material));
  const crv = pub.crv === 'P-256K' ? 'secp256k1' : pub.crv;
  return createPublicKey({
    key: pub.kty.startsWith('RSA') ? { kty: 'RSA', n: pub.n, e: pub.e } : { kty: 'EC', crv, x: pub.x, y: pub.y },
    format: 'jwk',
  });
}

function assertBadParameter(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ServiceError, `expected ServiceError, got ${String(err)}`);
    assert.equal(err.status, 400);
    assert.match(err.message, pattern);
    return true;
  });
}

const HASH = { '256': 'sha256', '384': 'sha384', '512': 'sha512' } as const;

describe('key crypto', () => {
  let rsa: KeyMaterial;
  let rsa3072: KeyMaterial;
  const ec = new Map<string, KeyMaterial>();
  const oct = new Map<number, KeyMaterial>();

  before(async () => {
    rsa = await generateKeyMaterial({ kty: 'RSA' });
    rsa3072 = await generateKeyMaterial({ kty: 'RSA-HSM', keySize: 3072 });
    for (const curve of ['P-256', 'P-384', 'P-521', 'P-256K']) {
      ec.set(curve, await generateKeyMaterial({ kty: 'EC', curve }));
    }
    for (const size of [128, 192, 256]) {
      oct.set(size, await generateKeyMaterial({ kty: 'oct-HSM', keySize: size }));
    }
  });

  for (const bits of ['256', '384', '512'] as const) {
    it(`RS${bits} signatures of a digest verify with node:crypto against the public JWK`, () => {
      for (const material of [rsa, rsa3072]) {
        const data = randomBytes(100);
        const digest = createHash(HASH[bits]).update(data).digest();
        const signature = signDigest(material, `RS${bits}`, digest);
        assert.ok(verify(HASH[bits], data, clientPublicKey(material), signature));
        assert.ok(verifyDigest(material, `RS${bits}`, digest, signature));
        assert.equal(verifyDigest(material, `RS${bits}`, createHash(HASH[bits]).update('other').digest(), signature), false);
      }
    });

    it(`PS${bits} signatures of a digest verify with node:crypto (salt = hash length)`, () => {
      const data = randomBytes(100);
      const digest = createHash(HASH[bits]).update(data).digest();
      const signature = signDigest(rsa, `PS${bits}`, digest);
      const key = { key: clientPublicKey(rsa), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 };
      assert.ok(verify(HASH[bits], data, key, signature));
      assert.ok(verifyDigest(rsa, `PS${bits}`, digest, signature));
      signature[10] ^= 1;
      assert.equal(verifyDigest(rsa, `PS${bits}`, digest, signature), false);
    });
  }

  it('verifies PS256 signatures made by node:crypto', () => {
    const data = Buffer.from('made elsewhere');
    const { privateKey } = asymmetricKeys(rsa);
    const signature = sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    assert.ok(verifyDigest(rsa, 'PS256', createHash('sha256').update(data).digest(), signature));
  });

  for (const [alg, curve, hash] of [
    ['ES256', 'P-256', 'sha256'],
    ['ES384', 'P-384', 'sha384'],
    ['ES512', 'P-521', 'sha512'],
    ['ES256K', 'P-256K', 'sha256'],
  ] as const) {
    it(`${alg} signatures are r||s and verify with node:crypto (ieee-p1363)`, () => {
      const material = ec.get(curve) as KeyMaterial;
      const data = randomBytes(77);
      const digest = createHash(hash).update(data).digest();
      const signature = signDigest(material, alg, digest);
      assert.equal(signature.length, curve === 'P-521' ? 132 : curve === 'P-384' ? 96 : 64);
      assert.ok(verify(hash, data, { key: clientPublicKey(material), dsaEncoding: 'ieee-p1363' }, signature));
      assert.ok(verifyDigest(material, alg, digest, signature));
      // and node's own signatures verify in the emulator
      const nodeSig = sign(hash, data, { key: asymmetricKeys(material).privateKey, dsaEncoding: 'ieee-p1363' });
      assert.ok(verifyDigest(material, alg, digest, nodeSig));
      nodeSig[5] ^= 0x80;
      assert.equal(verifyDigest(material, alg, digest, nodeSig), false);
    });

    it(`${alg} signatures are deterministic (RFC 6979, from @noble/curves) and verify when s is high`, () => {
      const material = ec.get(curve) as KeyMaterial;
      const digest = createHash(hash).update('same digest').digest();
      const signature = signDigest(material, alg, digest);
      assert.deepEqual(signDigest(material, alg, digest), signature);
      // (r, n - s) is the same signature in its high-S form, as OpenSSL may write it.
      const size = signature.length / 2;
      const order = { 'P-256': 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'P-384': 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973', 'P-521': '1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409', 'P-256K': 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141' }[curve];
      const s = BigInt(`0x${signature.subarray(size).toString('hex')}`);
      const highS = Buffer.from((BigInt(`0x${order}`) - s).toString(16).padStart(size * 2, '0'), 'hex');
      assert.ok(verifyDigest(material, alg, digest, Buffer.concat([signature.subarray(0, size), highS])));
    });
  }

  it('refuses algorithms that do not fit the key, and digests of the wrong length', () => {
    const p256 = ec.get('P-256') as KeyMaterial;
    assertBadParameter(() => signDigest(p256, 'ES384', randomBytes(48)), /"ES384".*Supported values for sign with this key are ES256\./);
    assertBadParameter(() => signDigest(rsa, 'ES256', randomBytes(32)), /RS256, RS384, RS512, PS256, PS384, PS512/);
    assertBadParameter(() => signDigest(rsa, 'RS256', randomBytes(20)), /digest for RS256 must be 32 bytes \(SHA256\); got 20/);
    assertBadParameter(() => signDigest(oct.get(256) as KeyMaterial, 'HS256', randomBytes(32)), /cannot sign/);
    assertBadParameter(() => encrypt(p256, { alg: 'RSA-OAEP', value: randomBytes(4) }), /cannot encrypt/);
    assertBadParameter(() => encrypt(rsa, { alg: 'A256GCM', value: randomBytes(4) }), /RSA-OAEP, RSA-OAEP-256, RSA1_5/);
    assertBadParameter(() => encrypt(oct.get(128) as KeyMaterial, { alg: 'A256GCM', value: randomBytes(4) }), /A128GCM, A128CBC, A128CBCPAD/);
    assertBadParameter(() => signDigest(rsa, 42, randomBytes(32)), /'alg' must be/);
  });

  for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'] as const) {
    it(`${alg}: a ciphertext made locally with the public JWK decrypts, and encrypt round-trips`, () => {
      const plaintext = randomBytes(32);
      const padding = alg === 'RSA1_5' ? constants.RSA_PKCS1_PADDING : constants.RSA_PKCS1_OAEP_PADDING;
      const local = publicEncrypt(
        { key: clientPublicKey(rsa), padding, ...(alg === 'RSA-OAEP-256' ? { oaepHash: 'sha256' } : {}) },
        plaintext,
      );
      assert.deepEqual(decrypt(rsa, { alg, value: local }), plaintext);
      assert.deepEqual(unwrapKey(rsa, alg, local), plaintext);
      const remote = encrypt(rsa, { alg, value: plaintext });
      assert.deepEqual(decrypt(rsa, { alg, value: remote.value }), plaintext);
      assert.deepEqual(unwrapKey(rsa, alg, wrapKey(rsa, alg, plaintext)), plaintext);
      if (alg !== 'RSA1_5') {
        // cross-check the other way with node's own OAEP decryption
        const back = privateDecrypt(
          { key: asymmetricKeys(rsa).privateKey, padding, oaepHash: alg === 'RSA-OAEP' ? 'sha1' : 'sha256' },
          remote.value,
        );
        assert.deepEqual(back, plaintext);
      }
    });
  }

  it('RSA1_5 decryption of a ciphertext from another key is a clear error, not garbage', () => {
    const stranger = publicEncrypt({ key: clientPublicKey(rsa3072), padding: constants.RSA_PKCS1_PADDING }, randomBytes(16));
    assertBadParameter(() => decrypt(rsa, { alg: 'RSA1_5', value: stranger }), /must be 256 bytes/);
    const wrongKey = randomBytes(256);
    wrongKey[0] = 0;
    assertBadParameter(() => decrypt(rsa, { alg: 'RSA1_5', value: wrongKey }), /Decryption with RSA1_5 failed/);
    assertBadParameter(() => encrypt(rsa, { alg: 'RSA-OAEP-256', value: randomBytes(200) }), /at most 190 bytes, got 200/);
  });

  for (const size of [128, 192, 256] as const) {
    it(`A${size}GCM encrypts with a service IV and tag that node:crypto can decrypt`, () => {
      const material = oct.get(size) as KeyMaterial;
      const plaintext = randomBytes(45);
      const aad = Buffer.from('context');
      const out = encrypt(material, { alg: `A${size}GCM`, value: plaintext, aad });
      assert.equal(out.iv?.length, 12);
      assert.equal(out.tag?.length, 16);
      assert.deepEqual(out.aad, aad);
      const d = createDecipheriv(`aes-${size}-gcm`, octSecret(material), out.iv as Buffer);
      d.setAAD(aad);
      d.setAuthTag(out.tag as Buffer);
      assert.deepEqual(Buffer.concat([d.update(out.value), d.final()]), plaintext);
      assert.deepEqual(decrypt(material, { alg: `A${size}GCM`, value: out.value, iv: out.iv, tag: out.tag, aad }), plaintext);
      assertBadParameter(
        () => decrypt(material, { alg: `A${size}GCM`, value: out.value, iv: out.iv, tag: out.tag, aad: Buffer.from('x') }),
        /tag does not match/,
      );
      assertBadParameter(() => encrypt(material, { alg: `A${size}GCM`, value: plaintext, iv: randomBytes(12) }), /service generates the IV/);
    });

    it(`A${size}CBC and A${size}CBCPAD match node's AES-CBC`, () => {
      const material = oct.get(size) as KeyMaterial;
      const iv = randomBytes(16);
      const block = randomBytes(32);
      const cbc = encrypt(material, { alg: `A${size}CBC`, value: block, iv });
      const c = createCipheriv(`aes-${size}-cbc`, octSecret(material), iv).setAutoPadding(false);
      assert.deepEqual(cbc.value, Buffer.concat([c.update(block), c.final()]));
      assert.deepEqual(decrypt(material, { alg: `A${size}CBC`, value: cbc.value, iv }), block);
      const odd = randomBytes(21);
      const pad = encrypt(material, { alg: `A${size}CBCPAD`, value: odd, iv });
      assert.equal(pad.value.length, 32);
      assert.deepEqual(decrypt(material, { alg: `A${size}CBCPAD`, value: pad.value, iv }), odd);
      assertBadParameter(() => encrypt(material, { alg: `A${size}CBC`, value: odd, iv }), /multiple of 16 bytes; got 21/);
      assertBadParameter(() => encrypt(material, { alg: `A${size}CBC`, value: block }), /needs an 'iv' of 16 bytes; got none/);
    });

    it(`A${size}KW is RFC 3394 key wrap (node id-aes${size}-wrap)`, () => {
      const material = oct.get(size) as KeyMaterial;
      const cek = randomBytes(32);
      const wrapped = wrapKey(material, `A${size}KW`, cek);
      assert.equal(wrapped.length, 40);
      const d = createDecipheriv(`id-aes${size}-wrap`, octSecret(material), Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
      assert.deepEqual(Buffer.concat([d.update(wrapped), d.final()]), cek);
      assert.deepEqual(unwrapKey(material, `A${size}KW`, wrapped), cek);
      wrapped[3] ^= 1;
      assertBadParameter(() => unwrapKey(material, `A${size}KW`, wrapped), /integrity check/);
      assertBadParameter(() => wrapKey(material, `A${size}KW`, randomBytes(12)), /at least 16 bytes in multiples of 8; got 12/);
    });
  }

  it('RFC 3394 test vector: 128-bit KEK wraps 128-bit key data', () => {
    const material: KeyMaterial = { hsm: true, jwk: { kty: 'oct', k: Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex').toString('base64url') } };
    const wrapped = wrapKey(material, 'A128KW', Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'));
    assert.equal(wrapped.toString('hex').toUpperCase(), '1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5');
  });

  it('CKM_AES_KEY_WRAP_PAD wraps values of any length', () => {
    const material = oct.get(256) as KeyMaterial;
    const value = randomBytes(13);
    assert.deepEqual(unwrapKey(material, 'CKM_AES_KEY_WRAP_PAD', wrapKey(material, 'CKM_AES_KEY_WRAP_PAD', value)), value);
  });
});
