import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * RSA paddings that node:crypto cannot apply to a digest or will not remove for us:
 *  - EMSA-PKCS1-v1_5 and EMSA-PSS (RFC 8017 §9) over a digest the client computed, because
 *    Key Vault's sign takes a digest while node's sign() insists on hashing the message;
 *  - RSAES-PKCS1-v1_5 decryption padding (RFC 8017 §7.2.2), because node refuses
 *    RSA_PKCS1_PADDING for private decryption when OpenSSL lacks implicit rejection (the
 *    Marvin-attack fix, CVE-2023-46809) and silently returns random bytes for bad padding
 *    when it has it. The emulator decrypts with RSA_NO_PADDING and unpads here, so bad
 *    ciphertext is always a clear error. Only ever used behind a loopback-only emulator.
 */

export type HashName = 'sha256' | 'sha384' | 'sha512';

export const HASH_BYTES: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

// DER of DigestInfo up to the digest octets (RFC 8017 §9.2 note 1).
const DIGEST_INFO_PREFIX: Record<HashName, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** DigestInfo(hash, digest): what PKCS#1 v1.5 type-1 padding wraps for RS256/384/512. */
export function digestInfo(hash: HashName, digest: Uint8Array): Buffer {
  return Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]);
}

function mgf1(hash: HashName, seed: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_BYTES[hash] < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * EMSA-PSS-ENCODE with salt length = hash length (as JWA PS256/384/512 require), returned
 * left-padded to the modulus length so it can go through raw RSA.
 */
export function pssEncode(hash: HashName, digest: Uint8Array, modulusBits: number): Buffer {
  const hLen = HASH_BYTES[hash];
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, emLen - hLen - 1);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const k = Math.ceil(modulusBits / 8);
  return Buffer.concat([Buffer.alloc(k - emLen), em]);
}

/** EMSA-PSS-VERIFY (salt length = hash length) on the raw RSA output `m` (modulus length). */
export function pssVerify(hash: HashName, digest: Uint8Array, m: Buffer, modulusBits: number): boolean {
  const hLen = HASH_BYTES[hash];
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (m.length < emLen || m.subarray(0, m.length - emLen).some((b) => b !== 0)) return false;
  const em = m.subarray(m.length - emLen);
  if (emLen < 2 * hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 0xff >> (8 * emLen - emBits);
  if ((maskedDb[0] & ~topBits) !== 0) return false;
  const mask = mgf1(hash, h, maskedDb.length);
  const db = Buffer.alloc(maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = maskedDb[i] ^ mask[i];
  db[0] &= topBits;
  const psLen = emLen - 2 * hLen - 2;
  if (db.subarray(0, psLen).some((b) => b !== 0) || db[psLen] !== 1) return false;
  const salt = db.subarray(psLen + 1);
  const expected = createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
  return timingSafeEqual(expected, h);
}

/**
 * Removes RSAES-PKCS1-v1_5 padding from the raw RSA output (modulus length). Scans the whole
 * block without early exits and returns undefined on any padding error, so callers give one
 * generic error.
 */
export function pkcs1v15Unpad(em: Buffer): Buffer | undefined {
  let bad = (em[0] ^ 0x00) | (em[1] ^ 0x02);
  let separator = 0;
  for (let i = 2; i < em.length; i++) {
    const isZero = em[i] === 0 ? 1 : 0;
    const first = isZero & (separator === 0 ? 1 : 0);
    separator = first ? i : separator;
  }
  // At least 8 non-zero padding bytes (RFC 8017 §7.2.2 step 3).
  bad |= separator === 0 ? 1 : 0;
  bad |= separator < 10 ? 1 : 0;
  return bad === 0 ? em.subarray(separator + 1) : undefined;
}
