import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  defaultKeyOps,
  generateKeyMaterial,
  keySizeBits,
  parseKeyOps,
  publicJwk,
} from '../../../src/emulator/keys/key-material.js';
import { importKeyMaterial } from '../../../src/emulator/keys/key-import.js';
import { ServiceError } from '../../../src/emulator/errors.js';

const PRIVATE_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

function assertBadParameter(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ServiceError, `expected ServiceError, got ${String(err)}`);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'BadParameter');
    assert.match(err.message, pattern);
    return true;
  });
}

async function assertRejectsBadParameter(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ServiceError);
    assert.equal(err.status, 400);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('key material', () => {
  for (const size of [2048, 3072, 4096]) {
    it(`generates an RSA ${size} key whose public JWK node:crypto can load`, async () => {
      const material = await generateKeyMaterial({ kty: 'RSA', keySize: size });
      assert.equal(keySizeBits(material), size);
      const pub = publicJwk(material, 'https://v/keys/k/1', defaultKeyOps(material));
      assert.equal(pub.kty, 'RSA');
      for (const f of PRIVATE_FIELDS) assert.equal(f in pub, false, `public JWK must not carry ${f}`);
      const key = createPublicKey({ key: { kty: 'RSA', n: pub.n, e: pub.e }, format: 'jwk' });
      assert.equal(key.asymmetricKeyDetails?.modulusLength, size);
      assert.equal(key.asymmetricKeyDetails?.publicExponent, 65537n);
    });
  }

  it('marks RSA-HSM keys as RSA-HSM and defaults RSA key_ops like the service', async () => {
    const material = await generateKeyMaterial({ kty: 'RSA-HSM' });
    assert.equal(keySizeBits(material), 2048);
    const pub = publicJwk(material, 'kid', defaultKeyOps(material));
    assert.equal(pub.kty, 'RSA-HSM');
    assert.deepEqual(pub.key_ops, ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey']);
  });

  for (const [crv, nodeCrv, bytes] of [
    ['P-256', 'P-256', 32],
    ['P-384', 'P-384', 48],
    ['P-521', 'P-521', 66],
    ['P-256K', 'secp256k1', 32],
  ] as const) {
    it(`generates an EC ${crv} key with a public point on the curve`, async () => {
      const material = await generateKeyMaterial({ kty: 'EC-HSM', curve: crv });
      const pub = publicJwk(material, 'kid', defaultKeyOps(material));
      assert.equal(pub.kty, 'EC-HSM');
      assert.equal(pub.crv, crv);
      assert.deepEqual(pub.key_ops, ['sign', 'verify']);
      for (const f of PRIVATE_FIELDS) assert.equal(f in pub, false);
      assert.equal(Buffer.from(pub.x ?? '', 'base64url').length, bytes);
      // node rejects points that are not on the curve
      createPublicKey({ key: { kty: 'EC', crv: nodeCrv, x: pub.x, y: pub.y }, format: 'jwk' });
    });
  }

  it('defaults an EC key to P-256', async () => {
    const material = await generateKeyMaterial({ kty: 'EC' });
    assert.equal(material.jwk.crv, 'P-256');
  });

  for (const size of [128, 192, 256]) {
    it(`generates an oct-HSM ${size}-bit key and never shows k`, async () => {
      const material = await generateKeyMaterial({ kty: 'oct-HSM', keySize: size });
      assert.equal(keySizeBits(material), size);
      const pub = publicJwk(material, 'kid', defaultKeyOps(material));
      assert.deepEqual(Object.keys(pub).sort(), ['key_ops', 'kid', 'kty']);
      assert.equal(pub.kty, 'oct-HSM');
      assert.deepEqual(pub.key_ops, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
    });
  }

  it('refuses unsupported types, sizes, exponents and curves, saying what is allowed', async () => {
    await assertRejectsBadParameter(generateKeyMaterial({ kty: 'DSA' }), /Supported values are "EC", "EC-HSM", "RSA"|Supported values are "RSA"/);
    await assertRejectsBadParameter(generateKeyMaterial({ kty: 'RSA', keySize: 1024 }), /1024.*2048, 3072, 4096/);
    await assertRejectsBadParameter(generateKeyMaterial({ kty: 'RSA', publicExponent: 17 }), /exponent 17.*3, 65537/);
    await assertRejectsBadParameter(generateKeyMaterial({ kty: 'EC', curve: 'P-192' }), /"P-192".*"P-256", "P-384", "P-521", "P-256K"/);
    await assertRejectsBadParameter(generateKeyMaterial({ kty: 'oct-HSM', keySize: 512 }), /512.*128, 192, 256/);
  });

  it('imports an RSA private JWK and answers with its public parts only', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const material = importKeyMaterial(jwk, undefined);
    const pub = publicJwk(material, 'kid', defaultKeyOps(material));
    assert.equal(pub.kty, 'RSA');
    assert.equal(pub.n, jwk.n);
    assert.equal(pub.e, jwk.e);
    for (const f of PRIVATE_FIELDS) assert.equal(f in pub, false);
    assert.equal(importKeyMaterial(jwk, true).hsm, true);
  });

  it('imports a secp256k1 key given as P-256K', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const jwk = privateKey.export({ format: 'jwk' });
    const material = importKeyMaterial({ ...jwk, kty: 'EC-HSM', crv: 'P-256K' }, undefined);
    const pub = publicJwk(material, 'kid', ['sign']);
    assert.deepEqual({ kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y }, { kty: 'EC-HSM', crv: 'P-256K', x: jwk.x, y: jwk.y });
  });

  it('imports an oct key', () => {
    const k = randomBytes(24).toString('base64url');
    const material = importKeyMaterial({ kty: 'oct', k }, true);
    assert.equal(keySizeBits(material), 192);
    assert.equal(material.hsm, true);
  });

  it('refuses imports without private parts or with inconsistent parts', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    assertBadParameter(() => importKeyMaterial({ kty: 'RSA', n: jwk.n, e: jwk.e }, undefined), /missing: d, p, q, dp, dq, qi/);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    assertBadParameter(() => importKeyMaterial({ ...jwk, p: other.p }, undefined), /not a valid private key|inconsistent/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const ec2 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    assertBadParameter(() => importKeyMaterial({ ...ec, d: ec2.d }, undefined), /inconsistent|not a valid/);
    assertBadParameter(() => importKeyMaterial({ ...ec, x: 'AAAA' }, undefined), /'key.x' must be 32 bytes for curve P-256; got 3/);
    assertBadParameter(() => importKeyMaterial({ kty: 'oct', k: randomBytes(10).toString('base64url') }, undefined), /80 bits/);
    assertBadParameter(() => importKeyMaterial({ kty: 'RSA-HSM', key_hsm: 'AAAA' }, undefined), /Bring-your-own-key/);
    assertBadParameter(() => importKeyMaterial('nope', undefined), /JSON Web Key object/);
  });

  it('checks key_ops against the key type with the service wording', async () => {
    const ec = await generateKeyMaterial({ kty: 'EC' });
    assertBadParameter(
      () => parseKeyOps(['sign', 'wrapKey', 'unwrapKey'], ec),
      /Unsupported key operation\(s\): "wrapKey", "unwrapKey"\. Supported values are "sign", "verify"/,
    );
    assert.deepEqual(parseKeyOps(['verify', 'verify'], ec), ['verify']);
    assertBadParameter(() => parseKeyOps('sign', ec), /must be an array/);
  });
});
