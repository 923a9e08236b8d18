// X.509 v3 certificates (RFC 5280), built and signed by @peculiar/x509's generator through
// our crypto provider (signing-crypto.ts: deterministic for RSA and ECDSA alike, which the
// demo seed relies on). Self-signed when no issuer is given.

import type { KeyObject } from 'node:crypto';
import { createPublicKey, randomBytes } from 'node:crypto';
import { fromPem, toPem } from './pem.js';
import type { KeyUsage, ParsedExtensions, SubjectAltNames } from './extensions.js';
import {
  basicConstraintsExtension,
  extendedKeyUsageExtension,
  hasSubjectAltNames,
  keyUsageExtension,
  parseExtensions,
  subjectAltNameExtension,
} from './extensions.js';
import { toX509Name } from './name.js';
import type { HashName } from './signing-crypto.js';
import { signingKeys } from './signing-crypto.js';
import { x509 } from './x509-library.js';

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
  serial: Buffer;
  /** The subject Name's DER (decodeName reads it). */
  subjectDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  publicKey: KeyObject;
  extensions: ParsedExtensions;
}

/** Parses the fields of a certificate we need beyond what node's X509Certificate offers. */
export function readCertificate(input: Buffer | string): ReadCertificate {
  const cert = new x509.X509Certificate(toDer(input, 'CERTIFICATE'));
  const spki = Buffer.from(cert.publicKey.rawData);
  return {
    serial: Buffer.from(cert.serialNumber, 'hex'),
    subjectDer: Buffer.from(cert.subjectName.toArrayBuffer()),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    spki,
    publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    extensions: parseExtensions(cert.extensions),
  };
}

/** Builds and signs an X.509 v3 certificate. Rejects with a clear message on bad input. */
export async function createCertificate(options: CreateCertificateOptions): Promise<EncodedObject> {
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
  const subject = toX509Name(options.subject);
  let issuer = subject;
  let signingKey = options.privateKey as KeyObject;
  // RFC 5280 4.2.1.2 method (1) key ids; an issuer's own subjectKeyIdentifier wins when it has one.
  let authorityKeyId = await x509.AuthorityKeyIdentifierExtension.create(spki);
  if (options.issuer) {
    const issuerCert = new x509.X509Certificate(toDer(options.issuer.certificate, 'CERTIFICATE'));
    issuer = issuerCert.subjectName;
    const issuerKeyId = issuerCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    authorityKeyId = issuerKeyId
      ? new x509.AuthorityKeyIdentifierExtension(issuerKeyId)
      : await x509.AuthorityKeyIdentifierExtension.create(issuerCert.publicKey);
    signingKey = options.issuer.privateKey;
  }
  const keys = signingKeys(signingKey, options.hash);

  const extensions: x509.Extension[] = [];
  if (options.isCA !== undefined) {
    extensions.push(basicConstraintsExtension(options.isCA, options.pathLen));
  } else if (options.pathLen !== undefined) {
    throw new Error('pathLen needs isCA: true');
  }
  if (options.keyUsage?.length) extensions.push(keyUsageExtension(options.keyUsage));
  if (options.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(options.extendedKeyUsage));
  if (hasSubjectAltNames(options.sans)) {
    // RFC 5280 4.2.1.6: critical when the subject is empty.
    extensions.push(subjectAltNameExtension(options.sans as SubjectAltNames, options.subject.trim() === ''));
  }
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(spki));
  extensions.push(authorityKeyId);

  const serial = options.serial ?? randomSerial();
  if (serial.length === 0 || serial.length > 20) throw new Error(`Serial number must be 1–20 bytes, got ${serial.length}`);

  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject,
    issuer,
    notBefore,
    notAfter,
    publicKey: spki,
    signingKey: keys.privateKey,
    extensions,
  });
  const der = Buffer.from(certificate.rawData);
  return { der, pem: toPem(der, 'CERTIFICATE') };
}
