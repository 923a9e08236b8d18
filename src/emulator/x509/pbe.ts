// Password-based encryption and MACs used inside PKCS#12 files: the PKCS#12 key derivation
// (RFC 7292 appendix B) for MACs and legacy ciphers, and PBES2 (PBKDF2 + AES/3DES, RFC 8018).
//
// The PKCS#12 KDF is ours: node:crypto has none, @peculiar/asn1-pfx only describes the
// structures, and pkijs would bring a second ASN.1 stack into the emulator chunk for one
// function; test/emulator/x509/pbe.test.ts checks it against the published test vectors. The parameter structures (PBES2, PBKDF2, PKCS#12 PBE) have no
// schema class in the @peculiar family, so asn1js, the ASN.1 library under it, reads them.

import type { Cipheriv } from 'node:crypto';
import { createCipheriv, createDecipheriv, createHash, createHmac, getCiphers, pbkdf2Sync, randomBytes } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';

export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const DIGEST_OIDS: Record<DigestName, string> = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

const BLOCK_SIZE: Record<DigestName, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

export function digestByOid(id: string): DigestName {
  const found = (Object.keys(DIGEST_OIDS) as DigestName[]).find((name) => DIGEST_OIDS[name] === id);
  if (!found) throw new Error(`Unsupported digest algorithm ${id}: expected SHA-1, SHA-256, SHA-384 or SHA-512`);
  return found;
}

/** A password as PKCS#12 wants it for its own KDF: UTF-16BE with a two-byte terminator. */
export function bmpPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

function repeatTo(data: Buffer, blockSize: number): Buffer {
  if (data.length === 0) return data;
  const length = blockSize * Math.ceil(data.length / blockSize);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = data[i % data.length];
  return out;
}

/** RFC 7292 B.2: id 1 = key, 2 = IV, 3 = MAC key. `password` is already BMP-encoded. */
export function pkcs12Kdf(password: Buffer, salt: Buffer, id: 1 | 2 | 3, iterations: number, length: number, digest: DigestName): Buffer {
  const v = BLOCK_SIZE[digest];
  const d = Buffer.alloc(v, id);
  const input = Buffer.concat([repeatTo(salt, v), repeatTo(password, v)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let a = createHash(digest).update(d).update(input).digest();
    for (let i = 1; i < iterations; i++) a = createHash(digest).update(a).digest();
    out.push(a);
    produced += a.length;
    if (produced >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes.
    const b = repeatTo(a, v).subarray(0, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k] + b[k] + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

export function pkcs12Mac(password: string, salt: Buffer, iterations: number, digest: DigestName, data: Buffer): Buffer {
  const size = createHash(digest).digest().length;
  const key = pkcs12Kdf(bmpPassword(password), salt, 3, iterations, size, digest);
  return createHmac(digest, key).update(data).digest();
}

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const PRF_OIDS: Record<string, DigestName> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Record<string, { cipher: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24 },
};
// PKCS#12 PBE algorithms (RFC 7292 appendix C): cipher, key length, IV length.
const PKCS12_PBE: Record<string, { cipher: string; keyLength: number; ivLength: number; label: string }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8, label: 'pbeWithSHAAnd3-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyLength: 16, ivLength: 8, label: 'pbeWithSHAAnd2-KeyTripleDES-CBC' },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2-cbc', keyLength: 16, ivLength: 8, label: 'pbeWithSHAAnd128BitRC2-CBC' },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2-40-cbc', keyLength: 5, ivLength: 8, label: 'pbeWithSHAAnd40BitRC2-CBC' },
};

function decipher(cipher: string, key: Buffer, iv: Buffer, data: Buffer, label: string): Buffer {
  if (!getCiphers().includes(cipher)) {
    throw new Error(`The PKCS#12 file uses legacy ${label} encryption, which this Node.js build cannot decrypt: re-export it with AES (e.g. openssl pkcs12 -export without -legacy)`);
  }
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new Error('Could not decrypt the PKCS#12 contents: the password is wrong or the file is damaged');
  }
}

/** The fields of a SEQUENCE given as DER (an AlgorithmIdentifier's parameters). */
function fields(der: ArrayBuffer | null | undefined, what: string): asn1js.AsnType[] {
  const parsed = der ? asn1js.fromBER(der).result : undefined;
  if (!(parsed instanceof asn1js.Sequence)) throw new Error(`The PKCS#12 file has malformed ${what} parameters`);
  return parsed.valueBlock.value;
}

function oidOf(node: asn1js.AsnType | undefined): string {
  return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : '';
}

function octetsOf(node: asn1js.AsnType | undefined): Buffer {
  if (!(node instanceof asn1js.OctetString)) throw new Error('The PKCS#12 file has a malformed salt or IV');
  return Buffer.from(node.getValue());
}

function countOf(node: asn1js.AsnType | undefined): number {
  if (!(node instanceof asn1js.Integer)) throw new Error('The PKCS#12 file has a malformed iteration count');
  const count = node.valueBlock.valueDec;
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000_000) throw new Error(`Unsupported PKCS#12 iteration count ${count}`);
  return count;
}

/** Decrypts `data` encrypted under the AlgorithmIdentifier `algorithm` with `password`. */
export function pbeDecrypt(algorithm: AlgorithmIdentifier, password: string, data: Buffer): Buffer {
  const id = algorithm.algorithm;
  const legacy = PKCS12_PBE[id];
  if (legacy) {
    const [salt, iterations] = fields(algorithm.parameters, legacy.label);
    const bmp = bmpPassword(password);
    const count = countOf(iterations);
    const key = pkcs12Kdf(bmp, octetsOf(salt), 1, count, legacy.keyLength, 'sha1');
    const iv = pkcs12Kdf(bmp, octetsOf(salt), 2, count, legacy.ivLength, 'sha1');
    return decipher(legacy.cipher, key, iv, data, legacy.label);
  }
  if (id !== OID_PBES2) throw new Error(`Unsupported PKCS#12 encryption algorithm ${id}: expected PBES2 (AES) or PKCS#12 3DES`);
  const [kdf, scheme] = fields(algorithm.parameters, 'PBES2');
  const [kdfId, kdfParams] = kdf instanceof asn1js.Sequence ? kdf.valueBlock.value : [];
  if (oidOf(kdfId) !== OID_PBKDF2) throw new Error(`Unsupported PBES2 key derivation ${oidOf(kdfId)}: expected PBKDF2`);
  const kdfFields = kdfParams instanceof asn1js.Sequence ? kdfParams.valueBlock.value : [];
  const salt = octetsOf(kdfFields[0]);
  const iterations = countOf(kdfFields[1]);
  const prfNode = kdfFields.find((f, i) => i >= 2 && f instanceof asn1js.Sequence);
  const prfId = prfNode instanceof asn1js.Sequence ? oidOf(prfNode.valueBlock.value[0]) : '1.2.840.113549.2.7';
  const prf = PRF_OIDS[prfId];
  if (!prf) throw new Error(`Unsupported PBKDF2 PRF ${prfId}: expected HMAC with SHA-1/256/384/512`);
  const [schemeId, ivNode] = scheme instanceof asn1js.Sequence ? scheme.valueBlock.value : [];
  const cipher = PBES2_CIPHERS[oidOf(schemeId)];
  if (!cipher) throw new Error(`Unsupported PBES2 cipher ${oidOf(schemeId)}: expected AES-CBC or 3DES-CBC`);
  // PBES2 takes the password as its UTF-8 bytes (unlike the PKCS#12 KDF).
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
  return decipher(cipher.cipher, key, octetsOf(ivNode), data, cipher.cipher);
}

/** Encrypts with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC. Returns the AlgorithmIdentifier and ciphertext. */
export function pbes2Encrypt(password: string, data: Buffer, iterations = 2048): { algorithm: AlgorithmIdentifier; encrypted: Buffer } {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher: Cipheriv = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(data), cipher.final()]);
  const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
  const octets = (bytes: Buffer) => new asn1js.OctetString({ valueHex: new Uint8Array(bytes) });
  const params = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          oid(OID_PBKDF2),
          new asn1js.Sequence({
            value: [octets(salt), new asn1js.Integer({ value: iterations }), new asn1js.Sequence({ value: [oid('1.2.840.113549.2.9'), new asn1js.Null()] })],
          }),
        ],
      }),
      new asn1js.Sequence({ value: [oid('2.16.840.1.101.3.4.1.42'), octets(iv)] }),
    ],
  });
  return { algorithm: new AlgorithmIdentifier({ algorithm: OID_PBES2, parameters: params.toBER() }), encrypted };
}
