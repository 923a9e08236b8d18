// PKCS#10 certificate signing requests (RFC 2986): what Key Vault hands out for a
// certificate whose issuer is "Unknown", to be signed elsewhere and merged back.

import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { bitString, implicit, integer, oid, sequence, set } from './der.js';
import { children, readBitString, readDer, readOid } from './der-reader.js';
import { toPem } from './pem.js';
import type { EncodedObject } from './certificate.js';
import { subjectPublicKeyInfo, toDer } from './certificate.js';
import type { KeyUsage, SubjectAltNames } from './extensions.js';
import {
  OID,
  extendedKeyUsageValue,
  extension,
  hasSubjectAltNames,
  keyUsageValue,
  parseExtensions,
  subjectAltNameValue,
} from './extensions.js';
import type { DistinguishedName } from './name.js';
import { decodeName, encodeName, formatName } from './name.js';
import type { HashName } from './signature.js';
import { hashOfAlgorithm, signWith, signatureAlgorithmFor, verifyWith } from './signature.js';

export interface CreateCsrOptions {
  subject: string;
  /** The key pair's private key: signs the request (proof of possession). */
  privateKey: KeyObject;
  sans?: SubjectAltNames;
  keyUsage?: readonly KeyUsage[];
  extendedKeyUsage?: readonly string[];
  hash?: HashName;
}

/** Builds a PKCS#10 request; requested extensions go in an extensionRequest attribute. */
export function createCsr(options: CreateCsrOptions): EncodedObject {
  if (options.subject.trim() === '' && !hasSubjectAltNames(options.sans)) {
    throw new Error('A certificate request needs a subject or at least one subject alternative name');
  }
  const algorithm = signatureAlgorithmFor(options.privateKey, options.hash);
  const extensions: Buffer[] = [];
  if (options.keyUsage?.length) extensions.push(extension(OID.keyUsage, true, keyUsageValue(options.keyUsage)));
  if (options.extendedKeyUsage?.length) {
    extensions.push(extension(OID.extendedKeyUsage, false, extendedKeyUsageValue(options.extendedKeyUsage)));
  }
  if (hasSubjectAltNames(options.sans)) {
    extensions.push(extension(OID.subjectAltName, false, subjectAltNameValue(options.sans as SubjectAltNames)));
  }
  const attributes = extensions.length
    ? [sequence(oid(OID.extensionRequest), set(sequence(...extensions)))]
    : [];
  const info = sequence(
    integer(0),
    encodeName(options.subject),
    subjectPublicKeyInfo(createPublicKey(options.privateKey)),
    implicit(0, set(...attributes)),
  );
  const der = sequence(info, algorithm.identifier, bitString(signWith(options.privateKey, algorithm, info)));
  return { der, pem: toPem(der, 'CERTIFICATE REQUEST') };
}

export interface ParsedCsr {
  /** RFC 4514 string, e.g. "CN=api.contoso.com, O=Contoso". */
  subject: string;
  subjectName: DistinguishedName;
  publicKey: KeyObject;
  sans?: SubjectAltNames;
  keyUsage?: KeyUsage[];
  extendedKeyUsage?: string[];
  /** Whether the request is signed by the private key matching `publicKey`. */
  signatureValid: boolean;
}

/** Parses a PKCS#10 request (DER or PEM). */
export function parseCsr(input: Buffer | string): ParsedCsr {
  const [info, sigAlg, sigValue] = children(readDer(toDer(input, 'CERTIFICATE REQUEST')));
  const [, subject, spki, attributes] = children(info);
  const publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  const parsed: ParsedCsr = {
    subjectName: decodeName(subject),
    subject: formatName(decodeName(subject)),
    publicKey,
    signatureValid: verifyWith(publicKey, hashOfAlgorithm(sigAlg), info.raw, readBitString(sigValue).bytes),
  };
  for (const attribute of attributes ? children(attributes) : []) {
    const [type, values] = children(attribute);
    if (readOid(type) !== OID.extensionRequest) continue;
    const ext = parseExtensions(children(values)[0]);
    parsed.sans = ext.sans;
    parsed.keyUsage = ext.keyUsage;
    parsed.extendedKeyUsage = ext.extendedKeyUsage;
  }
  return parsed;
}
