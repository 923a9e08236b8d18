// PKCS#10 certificate signing requests (RFC 2986): what Key Vault hands out for a
// certificate whose issuer is "Unknown", to be signed elsewhere and merged back. Built and
// read by @peculiar/x509, signed through our deterministic crypto provider.

import type { KeyObject } from 'node:crypto';
import { createPublicKey, verify } from 'node:crypto';
import { toPem } from './pem.js';
import type { EncodedObject } from './certificate.js';
import { toDer } from './certificate.js';
import type { KeyUsage, SubjectAltNames } from './extensions.js';
import { extendedKeyUsageExtension, hasSubjectAltNames, keyUsageExtension, parseExtensions, subjectAltNameExtension } from './extensions.js';
import type { DistinguishedName } from './name.js';
import { decodeName, formatName, toX509Name } from './name.js';
import type { HashName } from './signing-crypto.js';
import { signingKeys } from './signing-crypto.js';
import { x509 } from './x509-library.js';

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
export async function createCsr(options: CreateCsrOptions): Promise<EncodedObject> {
  if (options.subject.trim() === '' && !hasSubjectAltNames(options.sans)) {
    throw new Error('A certificate request needs a subject or at least one subject alternative name');
  }
  const keys = signingKeys(options.privateKey, options.hash);
  const extensions: x509.Extension[] = [];
  if (options.keyUsage?.length) extensions.push(keyUsageExtension(options.keyUsage));
  if (options.extendedKeyUsage?.length) extensions.push(extendedKeyUsageExtension(options.extendedKeyUsage));
  if (hasSubjectAltNames(options.sans)) extensions.push(subjectAltNameExtension(options.sans as SubjectAltNames, false));
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: toX509Name(options.subject),
    keys,
    extensions,
    signingAlgorithm: keys.privateKey.algorithm,
  });
  const der = Buffer.from(request.rawData);
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

const NODE_HASH: Record<string, HashName> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/**
 * Checks the request's self-signature with node:crypto rather than the request's own verify():
 * that one imports the key into WebCrypto, which has no secp256k1 (P-256K).
 */
function signatureValid(request: x509.Pkcs10CertificateRequest, publicKey: KeyObject): boolean {
  const hash = NODE_HASH[request.signatureAlgorithm.hash.name];
  if (!hash) return false;
  // `tbs` (the signed CertificationRequestInfo, as received) is a public getter typed private.
  const signed = Buffer.from((request as unknown as { tbs: ArrayBuffer }).tbs);
  return verify(hash, signed, { key: publicKey, dsaEncoding: 'der' }, Buffer.from(request.signature));
}

/** Parses a PKCS#10 request (DER or PEM). */
export function parseCsr(input: Buffer | string): ParsedCsr {
  const request = new x509.Pkcs10CertificateRequest(toDer(input, 'CERTIFICATE REQUEST'));
  const publicKey = createPublicKey({ key: Buffer.from(request.publicKey.rawData), format: 'der', type: 'spki' });
  const subjectName = decodeName(request.subjectName);
  const ext = parseExtensions(request.extensions);
  const parsed: ParsedCsr = { subjectName, subject: formatName(subjectName), publicKey, signatureValid: signatureValid(request, publicKey) };
  if (request.extensions.length > 0) {
    parsed.sans = ext.sans;
    parsed.keyUsage = ext.keyUsage;
    parsed.extendedKeyUsage = ext.extendedKeyUsage;
  }
  return parsed;
}
