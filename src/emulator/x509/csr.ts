// PKCS#10 certificate signing requests (RFC 2986): what Key Vault hands out for a
// certificate whose issuer is "Unknown", to be signed elsewhere and merged back. The ASN.1
// comes from @peculiar/asn1-csr; node:crypto signs.

import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, Extensions, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { toPem } from './pem.js';
import type { EncodedObject } from './certificate.js';
import { asArrayBuffer, subjectPublicKeyInfo, toDer } from './certificate.js';
import type { KeyUsage, SubjectAltNames } from './extensions.js';
import { OID, extendedKeyUsageValue, extension, hasSubjectAltNames, keyUsageValue, parseExtensions, subjectAltNameValue } from './extensions.js';
import type { DistinguishedName } from './name.js';
import { decodeName, formatName, toAsnName } from './name.js';
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
  const extensions = new Extensions();
  if (options.keyUsage?.length) extensions.push(extension(OID.keyUsage, true, keyUsageValue(options.keyUsage)));
  if (options.extendedKeyUsage?.length) {
    extensions.push(extension(OID.extendedKeyUsage, false, extendedKeyUsageValue(options.extendedKeyUsage)));
  }
  if (hasSubjectAltNames(options.sans)) {
    extensions.push(extension(OID.subjectAltName, false, subjectAltNameValue(options.sans as SubjectAltNames)));
  }
  const attributes = new Attributes(
    extensions.length ? [new Attribute({ type: OID.extensionRequest, values: [AsnConvert.serialize(extensions)] })] : [],
  );
  const info = new CertificationRequestInfo({
    version: 0,
    subject: toAsnName(options.subject),
    subjectPKInfo: AsnConvert.parse(subjectPublicKeyInfo(createPublicKey(options.privateKey)), SubjectPublicKeyInfo),
    attributes,
  });
  const signed = AsnConvert.serialize(info);
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: algorithm.identifier,
    signature: asArrayBuffer(signWith(options.privateKey, algorithm, new Uint8Array(signed))),
  });
  const der = Buffer.from(AsnConvert.serialize(request));
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
  const request = AsnConvert.parse(toDer(input, 'CERTIFICATE REQUEST'), CertificationRequest);
  const info = request.certificationRequestInfo;
  const signed = request.certificationRequestInfoRaw ?? AsnConvert.serialize(info);
  const publicKey = createPublicKey({ key: Buffer.from(AsnConvert.serialize(info.subjectPKInfo)), format: 'der', type: 'spki' });
  const subjectName = decodeName(info.subject);
  const parsed: ParsedCsr = {
    subjectName,
    subject: formatName(subjectName),
    publicKey,
    signatureValid: verifyWith(publicKey, hashOfAlgorithm(request.signatureAlgorithm), new Uint8Array(signed), new Uint8Array(request.signature)),
  };
  for (const attribute of info.attributes) {
    if (attribute.type !== OID.extensionRequest || attribute.values.length === 0) continue;
    const ext = parseExtensions(AsnConvert.parse(attribute.values[0], Extensions));
    parsed.sans = ext.sans;
    parsed.keyUsage = ext.keyUsage;
    parsed.extendedKeyUsage = ext.extendedKeyUsage;
  }
  return parsed;
}
