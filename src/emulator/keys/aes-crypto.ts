/*
 * The AES half of a key's data operations (oct and oct-HSM keys): encrypt/decrypt with GCM,
 * CBC and CBC with PKCS#7 padding, and wrapKey/unwrapKey with RFC 3394 / RFC 5649 key wrap.
 * key-crypto.ts has already checked the key type and the algorithm name's syntax.
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCMTypes } from 'node:crypto';
import { badParameter } from '../errors.js';
import { unsupported } from './algorithm-checks.js';
import type { DecryptInput, EncryptInput, EncryptOutput } from './key-crypto.js';
import { octSecret, type KeyMaterial } from './key-material.js';

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

/** AES-GCM (the service picks the IV) or AES-CBC with the caller's IV. */
export function aesEncrypt(material: KeyMaterial, name: string, input: EncryptInput): EncryptOutput {
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

export function aesDecrypt(material: KeyMaterial, name: string, input: DecryptInput): Buffer {
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

/** RFC 3394 key wrap (KW) or RFC 5649 key wrap with padding (KWP). */
export function aesWrapKey(material: KeyMaterial, name: string, keyToWrap: Buffer): Buffer {
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

export function aesUnwrapKey(material: KeyMaterial, name: string, wrapped: Buffer): Buffer {
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
