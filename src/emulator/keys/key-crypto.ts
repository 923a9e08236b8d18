import { constants, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, timingSafeEqual } from 'node:crypto';
import { aesDecrypt, aesEncrypt, aesUnwrapKey, aesWrapKey } from './aes-crypto.js';
import { unsupported } from './algorithm-checks.js';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.js';
import { badParameter } from '../errors.js';
import { asymmetricKeys, keySizeBits, type CurveName, type KeyMaterial } from './key-material.js';
import { digestInfo, HASH_BYTES, pkcs1v15Unpad, pssEncode, pssVerify, type HashName } from './rsa-padding.js';

/*
 * The data operations of a key: sign/verify a digest, encrypt/decrypt, wrapKey/unwrapKey,
 * with the algorithms Key Vault names (JWA, RFC 7518). Pure functions over KeyMaterial; the
 * routes check key_ops, enabled/nbf/exp and decode base64url before calling them. The AES
 * modes live in aes-crypto.ts; this file picks RSA, EC or AES by key type.
 */

type SignSpec = { kty: 'RSA'; hash: HashName; pss: boolean } | { kty: 'EC'; hash: HashName; curve: CurveName };

const SIGN_ALGORITHMS: Record<string, SignSpec> = {
  RS256: { kty: 'RSA', hash: 'sha256', pss: false },
  RS384: { kty: 'RSA', hash: 'sha384', pss: false },
  RS512: { kty: 'RSA', hash: 'sha512', pss: false },
  PS256: { kty: 'RSA', hash: 'sha256', pss: true },
  PS384: { kty: 'RSA', hash: 'sha384', pss: true },
  PS512: { kty: 'RSA', hash: 'sha512', pss: true },
  ES256: { kty: 'EC', hash: 'sha256', curve: 'P-256' },
  ES384: { kty: 'EC', hash: 'sha384', curve: 'P-384' },
  ES512: { kty: 'EC', hash: 'sha512', curve: 'P-521' },
  ES256K: { kty: 'EC', hash: 'sha256', curve: 'P-256K' },
};

type RsaPadding = 'RSA-OAEP' | 'RSA-OAEP-256' | 'RSA1_5';
const RSA_ALGORITHMS: readonly RsaPadding[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5'];

export interface EncryptInput {
  alg: unknown;
  value: Buffer;
  iv?: Buffer;
  aad?: Buffer;
}

export interface EncryptOutput {
  value: Buffer;
  iv?: Buffer;
  tag?: Buffer;
  aad?: Buffer;
}

export interface DecryptInput extends EncryptInput {
  tag?: Buffer;
}

function algorithmName(alg: unknown): string {
  if (typeof alg !== 'string' || alg.length === 0 || alg.length > 40) {
    throw badParameter("'alg' must be an algorithm name such as RS256 or RSA-OAEP-256.");
  }
  return alg;
}

function signSpecFor(material: KeyMaterial, alg: unknown, operation: string): SignSpec {
  const name = algorithmName(alg);
  const { jwk } = material;
  const allowed = Object.entries(SIGN_ALGORITHMS)
    .filter(([, spec]) => spec.kty === jwk.kty && (spec.kty === 'RSA' || spec.curve === jwk.crv))
    .map(([n]) => n);
  const spec = SIGN_ALGORITHMS[name];
  if (!spec || !allowed.includes(name)) throw unsupported(name, material, allowed, operation);
  return spec;
}

function checkDigest(alg: string, spec: SignSpec, digest: Buffer): void {
  const expected = HASH_BYTES[spec.hash];
  if (digest.length !== expected) {
    throw badParameter(
      `The digest for ${alg} must be ${expected} bytes (${spec.hash.toUpperCase()}); got ${digest.length}.`,
    );
  }
}

/** Signs a digest the client computed. RSA PKCS#1 v1.5 / PSS, or ECDSA as r‖s (JWS format). */
export function signDigest(material: KeyMaterial, alg: unknown, digest: Buffer): Buffer {
  const spec = signSpecFor(material, alg, 'sign');
  checkDigest(alg as string, spec, digest);
  if (spec.kty === 'EC') {
    return ecdsaSignDigest(spec.curve, Buffer.from(material.jwk.d ?? '', 'base64url'), digest);
  }
  const { privateKey } = asymmetricKeys(material);
  if (spec.pss) {
    return privateEncrypt(
      { key: privateKey, padding: constants.RSA_NO_PADDING },
      pssEncode(spec.hash, digest, keySizeBits(material)),
    );
  }
  return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo(spec.hash, digest));
}

/** Verifies a signature over a digest; false for any mismatch, error only for bad input. */
export function verifyDigest(material: KeyMaterial, alg: unknown, digest: Buffer, signature: Buffer): boolean {
  const spec = signSpecFor(material, alg, 'verify');
  checkDigest(alg as string, spec, digest);
  const { jwk } = material;
  if (spec.kty === 'EC') {
    return ecdsaVerifyDigest(
      spec.curve,
      Buffer.from(jwk.x ?? '', 'base64url'),
      Buffer.from(jwk.y ?? '', 'base64url'),
      digest,
      signature,
    );
  }
  const bits = keySizeBits(material);
  if (signature.length !== Math.ceil(bits / 8)) return false;
  const { publicKey } = asymmetricKeys(material);
  let recovered: Buffer;
  try {
    recovered = publicDecrypt(
      { key: publicKey, padding: spec.pss ? constants.RSA_NO_PADDING : constants.RSA_PKCS1_PADDING },
      signature,
    );
  } catch {
    return false; // signature ≥ modulus or bad type-1 padding
  }
  if (spec.pss) return pssVerify(spec.hash, digest, recovered, bits);
  const expected = digestInfo(spec.hash, digest);
  return recovered.length === expected.length && timingSafeEqual(recovered, expected);
}

function rsaMaxPlaintext(alg: RsaPadding, modulusBytes: number): number {
  if (alg === 'RSA1_5') return modulusBytes - 11;
  return modulusBytes - 2 * (alg === 'RSA-OAEP' ? 20 : 32) - 2;
}

function rsaEncrypt(material: KeyMaterial, alg: RsaPadding, plaintext: Buffer): Buffer {
  const modulusBytes = Math.ceil(keySizeBits(material) / 8);
  const max = rsaMaxPlaintext(alg, modulusBytes);
  if (plaintext.length > max) {
    throw badParameter(`The value is too long for ${alg} with a ${modulusBytes * 8}-bit key: at most ${max} bytes, got ${plaintext.length}.`);
  }
  const { publicKey } = asymmetricKeys(material);
  if (alg === 'RSA1_5') return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, plaintext);
  return publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: alg === 'RSA-OAEP' ? 'sha1' : 'sha256' },
    plaintext,
  );
}

function rsaDecrypt(material: KeyMaterial, alg: RsaPadding, ciphertext: Buffer): Buffer {
  const modulusBytes = Math.ceil(keySizeBits(material) / 8);
  if (ciphertext.length !== modulusBytes) {
    throw badParameter(`The value to decrypt with ${alg} must be ${modulusBytes} bytes for this key; got ${ciphertext.length}.`);
  }
  const { privateKey } = asymmetricKeys(material);
  try {
    if (alg === 'RSA1_5') {
      const plain = pkcs1v15Unpad(privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext));
      if (plain) return plain;
    } else {
      return privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: alg === 'RSA-OAEP' ? 'sha1' : 'sha256' },
        ciphertext,
      );
    }
  } catch {
    // fall through to the single generic error below
  }
  throw badParameter(`Decryption with ${alg} failed: the value was not encrypted with this key and algorithm.`);
}

export function encrypt(material: KeyMaterial, input: EncryptInput): EncryptOutput {
  const name = algorithmName(input.alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'encrypt');
    return { value: rsaEncrypt(material, name as RsaPadding, input.value) };
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'encrypt');
  return aesEncrypt(material, name, input);
}

export function decrypt(material: KeyMaterial, input: DecryptInput): Buffer {
  const name = algorithmName(input.alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'decrypt');
    return rsaDecrypt(material, name as RsaPadding, input.value);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'decrypt');
  return aesDecrypt(material, name, input);
}

export function wrapKey(material: KeyMaterial, alg: unknown, keyToWrap: Buffer): Buffer {
  const name = algorithmName(alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'wrapKey');
    return rsaEncrypt(material, name as RsaPadding, keyToWrap);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'wrapKey');
  return aesWrapKey(material, name, keyToWrap);
}

export function unwrapKey(material: KeyMaterial, alg: unknown, wrapped: Buffer): Buffer {
  const name = algorithmName(alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'unwrapKey');
    return rsaDecrypt(material, name as RsaPadding, wrapped);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'unwrapKey');
  return aesUnwrapKey(material, name, wrapped);
}
