import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
  type CipherGCMTypes,
} from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.js';
import { badParameter } from '../errors.js';
import { asymmetricKeys, keySizeBits, keyTypeOf, octSecret, type CurveName, type KeyMaterial } from './key-material.js';
import { digestInfo, HASH_BYTES, pkcs1v15Unpad, pssEncode, pssVerify, type HashName } from './rsa-padding.js';

/*
 * The data operations of a key: sign/verify a digest, encrypt/decrypt, wrapKey/unwrapKey,
 * with the algorithms Key Vault names (JWA, RFC 7518). Pure functions over KeyMaterial; the
 * routes check key_ops, enabled/nbf/exp and decode base64url before calling them.
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

type AesMode = 'GCM' | 'CBC' | 'CBCPAD' | 'KW' | 'KWP';
type AesSpec = { mode: AesMode; keyBytes?: number };

/** Symmetric algorithms; keyBytes undefined = any AES key size (the CKM_* names). */
const AES_ENCRYPT: Record<string, AesSpec> = {
  A128GCM: { mode: 'GCM', keyBytes: 16 },
  A192GCM: { mode: 'GCM', keyBytes: 24 },
  A256GCM: { mode: 'GCM', keyBytes: 32 },
  A128CBC: { mode: 'CBC', keyBytes: 16 },
  A192CBC: { mode: 'CBC', keyBytes: 24 },
  A256CBC: { mode: 'CBC', keyBytes: 32 },
  A128CBCPAD: { mode: 'CBCPAD', keyBytes: 16 },
  A192CBCPAD: { mode: 'CBCPAD', keyBytes: 24 },
  A256CBCPAD: { mode: 'CBCPAD', keyBytes: 32 },
};
const AES_WRAP: Record<string, AesSpec> = {
  A128KW: { mode: 'KW', keyBytes: 16 },
  A192KW: { mode: 'KW', keyBytes: 24 },
  A256KW: { mode: 'KW', keyBytes: 32 },
  CKM_AES_KEY_WRAP: { mode: 'KW' },
  CKM_AES_KEY_WRAP_PAD: { mode: 'KWP' },
};

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const AES_BLOCK = 16;

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

function unsupported(alg: string, material: KeyMaterial, allowed: readonly string[], operation: string): Error {
  const shown = JSON.stringify(alg);
  const choices = allowed.length > 0 ? `Supported values for ${operation} with this key are ${allowed.join(', ')}.` : `This key cannot ${operation}.`;
  return badParameter(`Algorithm ${shown} is not valid for ${operation} with a ${keyTypeOf(material)} key. ${choices}`);
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

function aesSpecFor(material: KeyMaterial, name: string, table: Record<string, AesSpec>, operation: string): AesSpec {
  const keyBytes = octSecret(material).length;
  const allowed = Object.entries(table)
    .filter(([, spec]) => spec.keyBytes === undefined || spec.keyBytes === keyBytes)
    .map(([n]) => n);
  const spec = table[name];
  if (!spec || !allowed.includes(name)) throw unsupported(name, material, allowed, operation);
  return spec;
}

function gcmName(keyBytes: number): CipherGCMTypes {
  return `aes-${keyBytes * 8}-gcm` as CipherGCMTypes;
}

function cbcName(keyBytes: number): string {
  return `aes-${keyBytes * 8}-cbc`;
}

export function encrypt(material: KeyMaterial, input: EncryptInput): EncryptOutput {
  const name = algorithmName(input.alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'encrypt');
    return { value: rsaEncrypt(material, name as RsaPadding, input.value) };
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'encrypt');
  const spec = aesSpecFor(material, name, AES_ENCRYPT, 'encrypt');
  const key = octSecret(material);
  if (spec.mode === 'GCM') {
    if (input.iv !== undefined) {
      throw badParameter(`'iv' must not be given for ${name}: the service generates the IV for AES-GCM.`);
    }
    const iv = randomBytes(GCM_IV_BYTES);
    const cipher = createCipheriv(gcmName(key.length), key, iv, { authTagLength: GCM_TAG_BYTES });
    if (input.aad) cipher.setAAD(input.aad);
    const value = Buffer.concat([cipher.update(input.value), cipher.final()]);
    return { value, iv, tag: cipher.getAuthTag(), ...(input.aad ? { aad: input.aad } : {}) };
  }
  const iv = requireCbcIv(name, input.iv);
  if (spec.mode === 'CBC' && input.value.length % AES_BLOCK !== 0) {
    throw badParameter(`${name} has no padding: the value must be a multiple of 16 bytes; got ${input.value.length}. Use ${name}PAD for other lengths.`);
  }
  const cipher = createCipheriv(cbcName(key.length), key, iv);
  cipher.setAutoPadding(spec.mode === 'CBCPAD');
  return { value: Buffer.concat([cipher.update(input.value), cipher.final()]), iv };
}

function requireCbcIv(name: string, iv: Buffer | undefined): Buffer {
  if (iv === undefined || iv.length !== AES_BLOCK) {
    throw badParameter(`${name} needs an 'iv' of 16 bytes; got ${iv === undefined ? 'none' : `${iv.length} bytes`}.`);
  }
  return iv;
}

export function decrypt(material: KeyMaterial, input: DecryptInput): Buffer {
  const name = algorithmName(input.alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'decrypt');
    return rsaDecrypt(material, name as RsaPadding, input.value);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'decrypt');
  const spec = aesSpecFor(material, name, AES_ENCRYPT, 'decrypt');
  const key = octSecret(material);
  if (spec.mode === 'GCM') {
    if (input.iv === undefined || input.iv.length === 0) throw badParameter(`${name} decryption needs the 'iv' that encrypt returned.`);
    if (input.tag === undefined || input.tag.length < 12 || input.tag.length > 16) {
      throw badParameter(`${name} decryption needs the 'tag' that encrypt returned (12 to 16 bytes).`);
    }
    const decipher = createDecipheriv(gcmName(key.length), key, input.iv, { authTagLength: input.tag.length });
    decipher.setAuthTag(input.tag);
    if (input.aad) decipher.setAAD(input.aad);
    try {
      return Buffer.concat([decipher.update(input.value), decipher.final()]);
    } catch {
      throw badParameter(`Decryption with ${name} failed: the tag does not match (wrong key, iv, aad or ciphertext).`);
    }
  }
  const iv = requireCbcIv(name, input.iv);
  if (input.value.length % AES_BLOCK !== 0 || input.value.length === 0) {
    throw badParameter(`The value to decrypt with ${name} must be a non-empty multiple of 16 bytes; got ${input.value.length}.`);
  }
  const decipher = createDecipheriv(cbcName(key.length), key, iv);
  decipher.setAutoPadding(spec.mode === 'CBCPAD');
  try {
    return Buffer.concat([decipher.update(input.value), decipher.final()]);
  } catch {
    throw badParameter(`Decryption with ${name} failed: bad padding (wrong key, iv or ciphertext).`);
  }
}

// RFC 3394 / RFC 5649 default initial values.
const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_IV = Buffer.from('a65959a6', 'hex');

function aesWrapCipher(key: Buffer, mode: 'KW' | 'KWP'): { name: string; iv: Buffer } {
  return { name: `id-aes${key.length * 8}-wrap${mode === 'KWP' ? '-pad' : ''}`, iv: mode === 'KWP' ? KWP_IV : KW_IV };
}

export function wrapKey(material: KeyMaterial, alg: unknown, keyToWrap: Buffer): Buffer {
  const name = algorithmName(alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'wrapKey');
    return rsaEncrypt(material, name as RsaPadding, keyToWrap);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'wrapKey');
  const spec = aesSpecFor(material, name, AES_WRAP, 'wrapKey');
  if (spec.mode === 'KW' && (keyToWrap.length < 16 || keyToWrap.length % 8 !== 0)) {
    throw badParameter(`${name} wraps keys of at least 16 bytes in multiples of 8; got ${keyToWrap.length}.`);
  }
  if (keyToWrap.length === 0) throw badParameter(`${name} cannot wrap an empty value.`);
  const key = octSecret(material);
  const { name: cipherName, iv } = aesWrapCipher(key, spec.mode as 'KW' | 'KWP');
  const cipher = createCipheriv(cipherName, key, iv);
  return Buffer.concat([cipher.update(keyToWrap), cipher.final()]);
}

export function unwrapKey(material: KeyMaterial, alg: unknown, wrapped: Buffer): Buffer {
  const name = algorithmName(alg);
  if (material.jwk.kty === 'RSA') {
    if (!(RSA_ALGORITHMS as readonly string[]).includes(name)) throw unsupported(name, material, RSA_ALGORITHMS, 'unwrapKey');
    return rsaDecrypt(material, name as RsaPadding, wrapped);
  }
  if (material.jwk.kty === 'EC') throw unsupported(name, material, [], 'unwrapKey');
  const spec = aesSpecFor(material, name, AES_WRAP, 'unwrapKey');
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) {
    throw badParameter(`The value to unwrap with ${name} must be at least 16 bytes in multiples of 8; got ${wrapped.length}.`);
  }
  const key = octSecret(material);
  const { name: cipherName, iv } = aesWrapCipher(key, spec.mode as 'KW' | 'KWP');
  const decipher = createDecipheriv(cipherName, key, iv);
  try {
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    throw badParameter(`Unwrapping with ${name} failed: the integrity check did not pass (wrong key or value).`);
  }
}
