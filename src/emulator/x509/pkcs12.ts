// PKCS#12 (PFX, RFC 7292): what a Key Vault certificate's secret holds when its content type
// is application/x-pkcs12, and what certificate import accepts. We write a private key plus
// its chain, and read back files from OpenSSL, .NET and Windows (BER, PBES2 or 3DES). The
// ASN.1 comes from @peculiar/asn1-pfx (+ -cms, -pkcs8, -rsa); the password-based encryption
// and the MAC are in pbe.ts.

import type { KeyObject } from 'node:crypto';
import { createHash, createHmac, createPrivateKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { ContentInfo, EncryptedContent, EncryptedContentInfo } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  MacData,
  PFX,
  PKCS12Attribute,
  PKCS8ShroudedKeyBag,
  SafeBag,
  SafeContents,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_SafeContents,
  id_x509Certificate,
} from '@peculiar/asn1-pfx';
import { EncryptedData as EncryptedKeyData } from '@peculiar/asn1-pkcs8';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { readCertificate, subjectPublicKeyInfo, toDer } from './certificate.js';
import type { DigestName } from './pbe.js';
import { DIGEST_OIDS, digestByOid, pbeDecrypt, pbes2Encrypt, pkcs12Kdf, pkcs12Mac } from './pbe.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
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

const serialize = (value: object): ArrayBuffer => AsnConvert.serialize(value);


/** A copy of the bytes as the ArrayBuffer the ASN.1 classes hold. */
function asArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/** A bag attribute. (PKCS12Attribute's constructor drops its params in asn1-pfx 2.11: `Object.assign(params)`.) */
function attribute(attrId: string, value: ArrayBuffer): PKCS12Attribute {
  return Object.assign(new PKCS12Attribute(), { attrId, attrValues: [value] });
}

/** ContentInfo of type data around `content` (an OCTET STRING, as PKCS#12 wraps everything). */
function dataContent(content: ArrayBuffer): ContentInfo {
  return new ContentInfo({ contentType: OID.data, content: serialize(new OctetString(content)) });
}

/**
 * CMS EncryptedData { version 0, EncryptedContentInfo }: no schema class for it in the
 * @peculiar family, so asn1js (the ASN.1 library under it) wraps the one from asn1-cms.
 */
function encryptedDataContent(algorithm: AlgorithmIdentifier, encrypted: Buffer): ContentInfo {
  const info = new EncryptedContentInfo({
    contentType: OID.data,
    contentEncryptionAlgorithm: algorithm,
    encryptedContent: new EncryptedContent({ value: new OctetString(asArrayBuffer(encrypted)) }),
  });
  const encryptedData = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), asn1js.fromBER(serialize(info)).result],
  });
  return new ContentInfo({ contentType: OID.encryptedData, content: encryptedData.toBER() });
}

/** The octets of an OCTET STRING, primitive or (in BER) constructed from pieces. */
function octets(der: ArrayBuffer): Buffer {
  const parsed = asn1js.fromBER(der).result;
  if (!(parsed instanceof asn1js.OctetString)) throw new Error('The data is not a PKCS#12 (PFX) file');
  return Buffer.from(parsed.getValue());
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
  const leafAttributes = [attribute(OID.localKeyId, serialize(new OctetString(asArrayBuffer(keyId))))];
  if (options.friendlyName) leafAttributes.push(attribute(OID.friendlyName, new asn1js.BmpString({ value: options.friendlyName }).toBER()));

  const certBags = new SafeContents(
    certs.map(
      (der, i) =>
        new SafeBag({
          bagId: id_certBag,
          bagValue: serialize(new CertBag({ certId: id_x509Certificate, certValue: serialize(new OctetString(asArrayBuffer(der))) })),
          ...(i === 0 ? { bagAttributes: leafAttributes } : {}),
        }),
    ),
  );
  const pkcs8 = options.privateKey.export({ type: 'pkcs8', format: 'der' });
  let keyBag: SafeBag;
  let certContent: ContentInfo;
  if (password) {
    const shrouded = pbes2Encrypt(password, pkcs8, iterations);
    const bag = new PKCS8ShroudedKeyBag({ encryptionAlgorithm: shrouded.algorithm, encryptedData: new EncryptedKeyData(asArrayBuffer(shrouded.encrypted)) });
    keyBag = new SafeBag({ bagId: id_pkcs8ShroudedKeyBag, bagValue: serialize(bag), bagAttributes: leafAttributes });
    const encrypted = pbes2Encrypt(password, Buffer.from(serialize(certBags)), iterations);
    certContent = encryptedDataContent(encrypted.algorithm, encrypted.encrypted);
  } else {
    // A keyBag is a PrivateKeyInfo: the PKCS#8 DER as it is.
    keyBag = new SafeBag({ bagId: id_keyBag, bagValue: asArrayBuffer(pkcs8), bagAttributes: leafAttributes });
    certContent = dataContent(serialize(certBags));
  }
  const authSafe = Buffer.from(serialize(new AuthenticatedSafe([certContent, dataContent(serialize(new SafeContents([keyBag])))])));

  const digest: DigestName = 'sha256';
  if (options.macSalt && password) throw new Error('A fixed MAC salt is only for unencrypted PKCS#12 files');
  const salt = options.macSalt ?? randomBytes(16);
  const mac = pkcs12Mac(password, salt, iterations, digest, authSafe);
  const pfx = new PFX({
    version: 3,
    authSafe: dataContent(asArrayBuffer(authSafe)),
    macData: new MacData({
      mac: new DigestInfo({ digestAlgorithm: new AlgorithmIdentifier({ algorithm: DIGEST_OIDS[digest], parameters: null }), digest: new OctetString(asArrayBuffer(mac)) }),
      macSalt: new OctetString(asArrayBuffer(salt)),
      iterations,
    }),
  });
  return Buffer.from(serialize(pfx));
}

function verifyMac(macData: MacData, password: string, authSafe: Buffer): void {
  const digest = digestByOid(macData.mac.digestAlgorithm.algorithm);
  const salt = Buffer.from(macData.macSalt.buffer);
  const iterations = macData.iterations ?? 1;
  const expected = Buffer.from(macData.mac.digest.buffer);
  const candidates = [pkcs12Mac(password, salt, iterations, digest, authSafe)];
  if (password === '') {
    // Some writers derive the MAC key from no password at all rather than an empty one.
    const key = pkcs12Kdf(Buffer.alloc(0), salt, 3, iterations, expected.length, digest);
    candidates.push(createHmac(digest, key).update(authSafe).digest());
  }
  const ok = candidates.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected));
  if (!ok) throw new Error('PKCS#12 integrity check failed: the password is wrong or the file is damaged');
}

function readSafeContents(bytes: ArrayBuffer, password: string, out: { keys: KeyObject[]; certs: Buffer[] }): void {
  for (const bag of AsnConvert.parse(bytes, SafeContents)) {
    switch (bag.bagId) {
      case id_keyBag:
        out.keys.push(createPrivateKey({ key: Buffer.from(bag.bagValue), format: 'der', type: 'pkcs8' }));
        break;
      case id_pkcs8ShroudedKeyBag: {
        const shrouded = AsnConvert.parse(bag.bagValue, PKCS8ShroudedKeyBag);
        const pkcs8 = pbeDecrypt(shrouded.encryptionAlgorithm, password, Buffer.from(shrouded.encryptedData.buffer));
        out.keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
        break;
      }
      case id_certBag: {
        const cert = AsnConvert.parse(bag.bagValue, CertBag);
        if (cert.certId === id_x509Certificate) out.certs.push(octets(cert.certValue));
        break;
      }
      case id_SafeContents:
        readSafeContents(bag.bagValue, password, out);
        break;
      // CRL and secret bags carry nothing Key Vault uses.
    }
  }
}

/** The SEQUENCE inside a CMS EncryptedData: [version, EncryptedContentInfo, ...]. */
function readEncryptedData(content: ArrayBuffer): EncryptedContentInfo {
  const parsed = asn1js.fromBER(content).result;
  const fields = parsed instanceof asn1js.Sequence ? parsed.valueBlock.value : [];
  if (fields.length < 2) throw new Error('The PKCS#12 file has a malformed encryptedData block');
  return AsnConvert.parse(fields[1].toBER(), EncryptedContentInfo);
}

/** Reads a PFX (DER or BER). Throws a clear message for a wrong password or an unsupported cipher. */
export function parsePkcs12(input: Buffer, password = ''): ParsedPkcs12 {
  let pfx: PFX;
  let authSafe: Buffer;
  try {
    pfx = AsnConvert.parse(input, PFX);
    if (pfx.authSafe.contentType !== OID.data) throw new Error('not data');
    authSafe = octets(pfx.authSafe.content);
  } catch (err) {
    if (err instanceof Error && err.message === 'not data') {
      throw new Error('Public-key protected PKCS#12 files are not supported: use a password-protected one', { cause: err });
    }
    throw new Error('The data is not a PKCS#12 (PFX) file', { cause: err });
  }
  if (pfx.version !== 3) throw new Error('Unsupported PKCS#12 version: expected version 3');
  if (pfx.macData) verifyMac(pfx.macData, password, authSafe);

  const found = { keys: [] as KeyObject[], certs: [] as Buffer[] };
  for (const info of AsnConvert.parse(authSafe, AuthenticatedSafe)) {
    if (info.contentType === OID.data) {
      readSafeContents(asArrayBuffer(octets(info.content)), password, found);
    } else if (info.contentType === OID.encryptedData) {
      const encrypted = readEncryptedData(info.content);
      const content = encrypted.encryptedContent;
      const bytes = content?.value
        ? Buffer.from(content.value.buffer)
        : Buffer.concat((content?.constructedValue ?? []).map((piece) => Buffer.from(piece.buffer)));
      readSafeContents(asArrayBuffer(pbeDecrypt(encrypted.contentEncryptionAlgorithm, password, bytes)), password, found);
    } else {
      throw new Error(`Unsupported PKCS#12 content type ${info.contentType}: expected data or encryptedData`);
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
