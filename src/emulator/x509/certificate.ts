// X.509 v3 certificates (RFC 5280): the ASN.1 structures from @peculiar/asn1-x509, signed
// with a node:crypto private key (synchronous, and deterministic for RSA PKCS#1 v1.5, which
// the demo seed relies on; @peculiar/x509 signs only through WebCrypto, asynchronously).
// Self-signed when no issuer is given.

import type { KeyObject } from 'node:crypto';
import { createPublicKey, randomBytes } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier, Name } from '@peculiar/asn1-x509';
import { Certificate, Extensions, SubjectPublicKeyInfo, TBSCertificate, Validity, Version } from '@peculiar/asn1-x509';
import { fromPem, toPem } from './pem.js';
import type { KeyUsage, ParsedExtensions, SubjectAltNames } from './extensions.js';
import {
  OID,
  authorityKeyIdentifierValue,
  basicConstraintsValue,
  extendedKeyUsageValue,
  extension,
  hasSubjectAltNames,
  keyIdentifier,
  keyUsageValue,
  parseExtensions,
  subjectAltNameValue,
  subjectKeyIdentifierValue,
} from './extensions.js';
import { toAsnName } from './name.js';
import type { HashName } from './signature.js';
import { signWith, signatureAlgorithmFor } from './signature.js';

export interface CertificateIssuer {
  /** The issuing CA's certificate (DER or PEM): its subject and key id are copied from it. */
  certificate: Buffer | string;
  /** The issuing CA's private key. */
  privateKey: KeyObject;
}

export interface CreateCertificateOptions {
  /** Subject DN, e.g. "CN=api.contoso.com, O=Contoso" (may be "" when SANs are given). */
  subject: string;
  /** The subject's public key; derived from `privateKey` when omitted. */
  publicKey?: KeyObject;
  /** The subject's private key: signs the certificate when it is self-signed. */
  privateKey?: KeyObject;
  /** Signs as this CA instead of self-signing. */
  issuer?: CertificateIssuer;
  /** Serial number bytes (unsigned big-endian); 16 random bytes when omitted. */
  serial?: Buffer;
  notBefore: Date;
  notAfter: Date;
  sans?: SubjectAltNames;
  keyUsage?: readonly KeyUsage[];
  /** EKU OIDs, see EKU in extensions.ts. */
  extendedKeyUsage?: readonly string[];
  /** Writes basicConstraints (critical) with cA set accordingly; omitted when undefined. */
  isCA?: boolean;
  pathLen?: number;
  /** Overrides the hash the signing key implies. */
  hash?: HashName;
}

export interface EncodedObject {
  der: Buffer;
  pem: string;
}

/** A random positive serial of 16 bytes (RFC 5280 allows up to 20). */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive, and never shortened by leading zeros
  return serial;
}

export function subjectPublicKeyInfo(publicKey: KeyObject): Buffer {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  return key.export({ type: 'spki', format: 'der' });
}

export function toDer(input: Buffer | string, label: string): Buffer {
  return typeof input === 'string' ? fromPem(input, label) : input;
}

export interface ReadCertificate {
  /** The TBSCertificate bytes (what the signature covers). */
  tbs: Buffer;
  serial: Buffer;
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** The subject as parsed ASN.1 (decodeName reads it). */
  subject: Name;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  publicKey: KeyObject;
  extensions: ParsedExtensions;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Buffer;
}

/** Parses the fields of a certificate we need beyond what node's X509Certificate offers. */
export function readCertificate(input: Buffer | string): ReadCertificate {
  const cert = AsnConvert.parse(toDer(input, 'CERTIFICATE'), Certificate);
  const tbs = cert.tbsCertificate;
  const spki = Buffer.from(AsnConvert.serialize(tbs.subjectPublicKeyInfo));
  return {
    tbs: Buffer.from(cert.tbsCertificateRaw ?? AsnConvert.serialize(tbs)),
    serial: Buffer.from(tbs.serialNumber),
    issuerDer: Buffer.from(AsnConvert.serialize(tbs.issuer)),
    subjectDer: Buffer.from(AsnConvert.serialize(tbs.subject)),
    subject: tbs.subject,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    spki,
    publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    extensions: tbs.extensions ? parseExtensions(tbs.extensions) : { critical: [] },
    signatureAlgorithm: cert.signatureAlgorithm,
    signature: Buffer.from(cert.signatureValue),
  };
}

/** Builds and signs an X.509 v3 certificate. Throws a clear message on bad input. */
export function createCertificate(options: CreateCertificateOptions): EncodedObject {
  const { notBefore, notAfter } = options;
  if (!(notBefore instanceof Date) || !(notAfter instanceof Date) || Number.isNaN(+notBefore) || Number.isNaN(+notAfter)) {
    throw new Error('notBefore and notAfter must be valid Dates');
  }
  if (notAfter <= notBefore) throw new Error(`notAfter (${notAfter.toISOString()}) must be after notBefore (${notBefore.toISOString()})`);
  if (!options.publicKey && !options.privateKey) throw new Error('A certificate needs the subject key: give publicKey or privateKey');
  if (!options.issuer && !options.privateKey) throw new Error('A self-signed certificate needs the subject privateKey to sign with');
  if (options.subject.trim() === '' && !hasSubjectAltNames(options.sans)) {
    throw new Error('A certificate needs a subject or at least one subject alternative name');
  }

  const spki = subjectPublicKeyInfo(options.publicKey ?? (options.privateKey as KeyObject));
  const subject = toAsnName(options.subject);
  const subjectKeyId = keyIdentifier(spki);

  let issuer = subject;
  let authorityKeyId = subjectKeyId;
  let signingKey = options.privateKey as KeyObject;
  if (options.issuer) {
    const issuerCert = readCertificate(options.issuer.certificate);
    issuer = issuerCert.subject;
    authorityKeyId = issuerCert.extensions.subjectKeyIdentifier ?? keyIdentifier(issuerCert.spki);
    signingKey = options.issuer.privateKey;
  }
  const algorithm = signatureAlgorithmFor(signingKey, options.hash);

  const extensions = new Extensions();
  if (options.isCA !== undefined) {
    extensions.push(extension(OID.basicConstraints, true, basicConstraintsValue(options.isCA, options.pathLen)));
  } else if (options.pathLen !== undefined) {
    throw new Error('pathLen needs isCA: true');
  }
  if (options.keyUsage?.length) extensions.push(extension(OID.keyUsage, true, keyUsageValue(options.keyUsage)));
  if (options.extendedKeyUsage?.length) {
    extensions.push(extension(OID.extendedKeyUsage, false, extendedKeyUsageValue(options.extendedKeyUsage)));
  }
  if (hasSubjectAltNames(options.sans)) {
    // RFC 5280 4.2.1.6: critical when the subject is empty.
    const critical = options.subject.trim() === '';
    extensions.push(extension(OID.subjectAltName, critical, subjectAltNameValue(options.sans as SubjectAltNames)));
  }
  extensions.push(extension(OID.subjectKeyIdentifier, false, subjectKeyIdentifierValue(subjectKeyId)));
  extensions.push(extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifierValue(authorityKeyId)));

  const serial = options.serial ?? randomSerial();
  if (serial.length === 0 || serial.length > 20) throw new Error(`Serial number must be 1–20 bytes, got ${serial.length}`);

  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: asArrayBuffer(serial),
    signature: algorithm.identifier,
    issuer,
    validity: new Validity({ notBefore, notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions,
  });
  const tbs = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm.identifier,
    signatureValue: asArrayBuffer(signWith(signingKey, algorithm, tbs)),
  });
  const der = Buffer.from(AsnConvert.serialize(certificate));
  return { der, pem: toPem(der, 'CERTIFICATE') };
}

/** A copy of the bytes as the ArrayBuffer the ASN.1 classes hold. */
export function asArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}
