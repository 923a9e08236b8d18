// PKCS#12 (PFX, RFC 7292): what a Key Vault certificate's secret holds when its content type
// is application/x-pkcs12, and what certificate import accepts. We write a private key plus
// its chain, and read back files from OpenSSL, .NET and Windows (BER, PBES2 or 3DES).

import type { KeyObject } from 'node:crypto';
import { createHash, createHmac, createPrivateKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DerNode } from './der-reader.js';
import { explicit, implicit, integer, nullValue, octetString, oid, sequence, set, tlv } from './der.js';
import { children, octetStringBytes, readDer, readInteger, readOctetString, readOid } from './der-reader.js';
import { readCertificate, subjectPublicKeyInfo, toDer } from './certificate.js';
import type { DigestName } from './pbe.js';
import { DIGEST_OIDS, digestByOid, pbeDecrypt, pbes2Encrypt, pkcs12Kdf, pkcs12Mac } from './pbe.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

export interface CreatePkcs12Options {
  privateKey: KeyObject;
  /** The certificate for the key first, then its chain (DER or PEM each). */
  certificates: (Buffer | string)[];
  /** Empty or absent: key and certificates unencrypted (as Key Vault exports). */
  password?: string;
  /** Shown by Windows and .NET as the certificate's friendly name. */
  friendlyName?: string;
  /** PBKDF2 and MAC iteration count; default 2048 (OpenSSL's default). */
  iterations?: number;
  /** MAC salt; random when absent. Fixed only where output must be reproducible (demo seeds), never with a password. */
  macSalt?: Buffer;
}

export interface ParsedPkcs12 {
  privateKey?: KeyObject;
  /** DER certificates: the one matching the private key first, then the rest in file order. */
  certificates: Buffer[];
}

function bmpString(text: string): Buffer {
  return tlv(0x1e, Buffer.from(text, 'utf16le').swap16());
}

function contentInfoData(content: Buffer): Buffer {
  return sequence(oid(OID.data), explicit(0, octetString(content)));
}

function bag(bagId: string, value: Buffer, attributes: Buffer[]): Buffer {
  const parts = [oid(bagId), explicit(0, value)];
  if (attributes.length) parts.push(set(...attributes));
  return sequence(...parts);
}

/** Builds a PFX holding `privateKey` and `certificates`, MAC-protected with SHA-256. */
export function createPkcs12(options: CreatePkcs12Options): Buffer {
  if (options.certificates.length === 0) throw new Error('A PKCS#12 file needs at least the certificate for the key');
  const password = options.password ?? '';
  const iterations = options.iterations ?? 2048;
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`iterations must be a positive integer, got ${iterations}`);
  const certs = options.certificates.map((c) => toDer(c, 'CERTIFICATE'));
  const leaf = readCertificate(certs[0]);
  if (!leaf.spki.equals(subjectPublicKeyInfo(options.privateKey))) {
    throw new Error('The first certificate does not belong to the private key: put the key’s own certificate first');
  }
  const keyId = createHash('sha1').update(certs[0]).digest();
  const leafAttributes = [sequence(oid(OID.localKeyId), set(octetString(keyId)))];
  if (options.friendlyName) leafAttributes.push(sequence(oid(OID.friendlyName), set(bmpString(options.friendlyName))));

  const certBags = sequence(
    ...certs.map((der, i) =>
      bag(OID.certBag, sequence(oid(OID.x509Certificate), explicit(0, octetString(der))), i === 0 ? leafAttributes : []),
    ),
  );
  let keyBag: Buffer;
  let certContent: Buffer;
  if (password) {
    const shrouded = pbes2Encrypt(password, options.privateKey.export({ type: 'pkcs8', format: 'der' }), iterations);
    keyBag = bag(OID.shroudedKeyBag, sequence(shrouded.algorithm, octetString(shrouded.encrypted)), leafAttributes);
    const encrypted = pbes2Encrypt(password, certBags, iterations);
    certContent = sequence(
      oid(OID.encryptedData),
      explicit(0, sequence(integer(0), sequence(oid(OID.data), encrypted.algorithm, implicit(0, octetString(encrypted.encrypted))))),
    );
  } else {
    keyBag = bag(OID.keyBag, options.privateKey.export({ type: 'pkcs8', format: 'der' }), leafAttributes);
    certContent = contentInfoData(certBags);
  }
  const authSafe = sequence(certContent, contentInfoData(sequence(keyBag)));

  const digest: DigestName = 'sha256';
  if (options.macSalt && password) throw new Error('A fixed MAC salt is only for unencrypted PKCS#12 files');
  const salt = options.macSalt ?? randomBytes(16);
  const mac = pkcs12Mac(password, salt, iterations, digest, authSafe);
  const macData = sequence(sequence(sequence(oid(DIGEST_OIDS[digest]), nullValue()), octetString(mac)), octetString(salt), integer(iterations));
  return sequence(integer(3), contentInfoData(authSafe), macData);
}

function verifyMac(macData: DerNode, password: string, authSafe: Buffer): void {
  const [digestInfo, saltNode, iterationsNode] = children(macData);
  const [algorithm, expectedNode] = children(digestInfo);
  const digest = digestByOid(readOid(children(algorithm)[0]));
  const salt = readOctetString(saltNode);
  const iterations = iterationsNode ? Number(readInteger(iterationsNode)) : 1;
  const expected = readOctetString(expectedNode);
  const candidates = [pkcs12Mac(password, salt, iterations, digest, authSafe)];
  if (password === '') {
    // Some writers derive the MAC key from no password at all rather than an empty one.
    const key = pkcs12Kdf(Buffer.alloc(0), salt, 3, iterations, expected.length, digest);
    candidates.push(createHmac(digest, key).update(authSafe).digest());
  }
  const ok = candidates.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected));
  if (!ok) throw new Error('PKCS#12 integrity check failed: the password is wrong or the file is damaged');
}

function readSafeContents(bytes: Buffer, password: string, out: { keys: KeyObject[]; certs: Buffer[] }): void {
  for (const safeBag of children(readDer(bytes, true))) {
    const [idNode, wrapped] = children(safeBag);
    const value = children(wrapped)[0];
    switch (readOid(idNode)) {
      case OID.keyBag:
        out.keys.push(createPrivateKey({ key: value.raw, format: 'der', type: 'pkcs8' }));
        break;
      case OID.shroudedKeyBag: {
        const [algorithm, encrypted] = children(value);
        const pkcs8 = pbeDecrypt(algorithm, password, octetStringBytes(encrypted));
        out.keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
        break;
      }
      case OID.certBag: {
        const [certType, certValue] = children(value);
        if (readOid(certType) === OID.x509Certificate) out.certs.push(Buffer.from(octetStringBytes(children(certValue)[0])));
        break;
      }
      case OID.safeContentsBag:
        readSafeContents(value.raw, password, out);
        break;
      // CRL and secret bags carry nothing Key Vault uses.
    }
  }
}

/** Reads a PFX (DER or BER). Throws a clear message for a wrong password or an unsupported cipher. */
export function parsePkcs12(input: Buffer, password = ''): ParsedPkcs12 {
  let root: DerNode;
  try {
    root = readDer(input, true);
  } catch {
    throw new Error('The data is not a PKCS#12 (PFX) file');
  }
  const [versionNode, authSafeInfo, macData] = children(root);
  if (readInteger(versionNode) !== 3n) throw new Error('Unsupported PKCS#12 version: expected version 3');
  const [contentType, content] = children(authSafeInfo);
  if (readOid(contentType) !== OID.data) throw new Error('Public-key protected PKCS#12 files are not supported: use a password-protected one');
  const authSafe = octetStringBytes(children(content)[0]);
  if (macData) verifyMac(macData, password, authSafe);

  const found = { keys: [] as KeyObject[], certs: [] as Buffer[] };
  for (const info of children(readDer(authSafe, true))) {
    const [typeNode, body] = children(info);
    const type = readOid(typeNode);
    if (type === OID.data) {
      readSafeContents(octetStringBytes(children(body)[0]), password, found);
    } else if (type === OID.encryptedData) {
      const [, encryptedContentInfo] = children(children(body)[0]);
      const [, algorithm, encrypted] = children(encryptedContentInfo);
      readSafeContents(pbeDecrypt(algorithm, password, octetStringBytes(encrypted)), password, found);
    } else {
      throw new Error(`Unsupported PKCS#12 content type ${type}: expected data or encryptedData`);
    }
  }
  if (found.keys.length > 1) throw new Error(`The PKCS#12 file holds ${found.keys.length} private keys: expected one`);
  const privateKey = found.keys[0];
  let certificates = found.certs;
  if (privateKey) {
    const spki = subjectPublicKeyInfo(privateKey);
    const index = certificates.findIndex((der) => readCertificate(der).spki.equals(spki));
    if (index > 0) certificates = [certificates[index], ...certificates.filter((_, i) => i !== index)];
  }
  return { privateKey, certificates };
}
