// X.509 v3 certificates (RFC 5280), built field by field in DER and signed with a
// node:crypto private key. Self-signed when no issuer is given.

import type { KeyObject } from 'node:crypto';
import { createPublicKey, randomBytes } from 'node:crypto';
import type { DerNode } from './der-reader.js';
import { bitString, explicit, integer, octetString, sequence, time } from './der.js';
import { children, readBitString, readDer, readTime } from './der-reader.js';
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
} from './extensions.js';
import { encodeName } from './name.js';
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
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  publicKey: KeyObject;
  extensions: ParsedExtensions;
  signatureAlgorithm: DerNode;
  signature: Buffer;
}

/** Parses the fields of a certificate we need beyond what node's X509Certificate offers. */
export function readCertificate(input: Buffer | string): ReadCertificate {
  const [tbsNode, sigAlg, sigValue] = children(readDer(toDer(input, 'CERTIFICATE')));
  const fields = children(tbsNode);
  const hasVersion = fields[0].cls === 'context' && fields[0].tagNumber === 0;
  const [serial, , issuer, validity, subject, spki, ...rest] = hasVersion ? fields.slice(1) : fields;
  const [notBefore, notAfter] = children(validity).map(readTime);
  const extNode = rest.find((node) => node.cls === 'context' && node.tagNumber === 3);
  return {
    tbs: tbsNode.raw,
    serial: Buffer.from(serial.content),
    issuerDer: issuer.raw,
    subjectDer: subject.raw,
    notBefore,
    notAfter,
    spki: spki.raw,
    publicKey: createPublicKey({ key: spki.raw, format: 'der', type: 'spki' }),
    extensions: extNode ? parseExtensions(children(extNode)[0]) : { critical: [] },
    signatureAlgorithm: sigAlg,
    signature: readBitString(sigValue).bytes,
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
  const subjectDer = encodeName(options.subject);
  const subjectKeyId = keyIdentifier(spki);

  let issuerDer = subjectDer;
  let authorityKeyId = subjectKeyId;
  let signingKey = options.privateKey as KeyObject;
  if (options.issuer) {
    const issuerCert = readCertificate(options.issuer.certificate);
    issuerDer = issuerCert.subjectDer;
    authorityKeyId = issuerCert.extensions.subjectKeyIdentifier ?? keyIdentifier(issuerCert.spki);
    signingKey = options.issuer.privateKey;
  }
  const algorithm = signatureAlgorithmFor(signingKey, options.hash);

  const extensions: Buffer[] = [];
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
  extensions.push(extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)));
  extensions.push(extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifierValue(authorityKeyId)));

  const serial = options.serial ?? randomSerial();
  if (serial.length === 0 || serial.length > 20) throw new Error(`Serial number must be 1–20 bytes, got ${serial.length}`);

  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(serial),
    algorithm.identifier,
    issuerDer,
    sequence(time(notBefore), time(notAfter)),
    subjectDer,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const der = sequence(tbs, algorithm.identifier, bitString(signWith(signingKey, algorithm, tbs)));
  return { der, pem: toPem(der, 'CERTIFICATE') };
}
