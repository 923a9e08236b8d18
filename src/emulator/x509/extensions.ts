// X.509 v3 extensions (RFC 5280 4.2) we write and read back: basic constraints, key usage,
// extended key usage, subject alternative names, subject/authority key identifiers. The
// ASN.1 comes from @peculiar/asn1-x509; what is ours is the mapping to Key Vault's policy
// vocabulary and the checks with messages saying what is allowed.

import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  GeneralName,
  KeyIdentifier,
  KeyUsage as AsnKeyUsage,
  OtherName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import type { Extensions } from '@peculiar/asn1-x509';
import { DirectoryString } from '@peculiar/asn1-x509';

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  extensionRequest: '1.2.840.113549.1.9.14',
  /** Microsoft User Principal Name, used as otherName type-id in SANs. */
  upn: '1.3.6.1.4.1.311.20.2.3',
} as const;

/** Common extended key usage OIDs (Key Vault policies carry EKUs as OID strings). */
export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** Key usage names as Key Vault's policy `x509_props.key_usage` spells them, in bit order. */
export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsage = (typeof KEY_USAGES)[number];

export interface SubjectAltNames {
  dns?: string[];
  /** IPv4 or IPv6 addresses in text form. */
  ip?: string[];
  email?: string[];
  /** User principal names (otherName with the UPN OID). */
  upn?: string[];
}

/** One Extension with its value's DER. */
export function extension(id: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function basicConstraintsValue(isCA: boolean, pathLen?: number): BasicConstraints {
  if (pathLen !== undefined && (!isCA || !Number.isInteger(pathLen) || pathLen < 0)) {
    throw new Error(`pathLen must be a non-negative integer and needs isCA: true, got ${pathLen}`);
  }
  return new BasicConstraints({ cA: isCA, ...(pathLen !== undefined ? { pathLenConstraint: pathLen } : {}) });
}

export function keyUsageValue(usages: readonly string[]): AsnKeyUsage {
  let flags = 0;
  for (const usage of usages) {
    const bit = (KEY_USAGES as readonly string[]).indexOf(usage);
    if (bit < 0) throw new Error(`Unknown key usage "${usage}": allowed are ${KEY_USAGES.join(', ')}`);
    flags |= 1 << bit;
  }
  return new AsnKeyUsage(flags);
}

export function extendedKeyUsageValue(oids: readonly string[]): ExtendedKeyUsage {
  for (const id of oids) {
    if (!/^[0-2](\.\d+)+$/.test(id)) {
      throw new Error(`Extended key usage "${id}" is not an OID: expected dotted decimal like ${EKU.serverAuth}`);
    }
  }
  return new ExtendedKeyUsage([...oids]);
}

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function checkDnsName(name: string): void {
  const labels = name.startsWith('*.') ? name.slice(2).split('.') : name.split('.');
  if (name.length > 253 || labels.some((label) => !DNS_LABEL.test(label))) {
    throw new Error(
      `"${name}" is not a valid DNS name: use labels of letters, digits and '-' separated by dots, optionally starting with "*."`,
    );
  }
}

/**
 * An IP address in the plain text form the ASN.1 library converts to the 4 or 16 bytes of a
 * SAN iPAddress: WHATWG URL parsing canonicalises IPv6 (`::ffff:1.2.3.4` → `::ffff:102:304`).
 */
function canonicalIp(address: string): string {
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) throw new Error(`"${address}" is not an IPv4 or IPv6 address`);
  return new URL(`http://[${address.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
}

export function subjectAltNameValue(sans: SubjectAltNames): SubjectAlternativeName {
  const names: GeneralName[] = [];
  for (const email of sans.email ?? []) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`"${email}" is not an email address (expected name@domain)`);
    names.push(new GeneralName({ rfc822Name: email }));
  }
  for (const dns of sans.dns ?? []) {
    checkDnsName(dns);
    names.push(new GeneralName({ dNSName: dns }));
  }
  for (const ip of sans.ip ?? []) names.push(new GeneralName({ iPAddress: canonicalIp(ip) }));
  for (const upn of sans.upn ?? []) {
    if (upn.trim() === '') throw new Error('A user principal name (UPN) cannot be empty');
    // otherName { type-id UPN, value [0] EXPLICIT UTF8String }
    const value = AsnConvert.serialize(new DirectoryString({ utf8String: upn }));
    names.push(new GeneralName({ otherName: new OtherName({ typeId: OID.upn, value }) }));
  }
  if (names.length === 0) throw new Error('Subject alternative names must hold at least one DNS name, IP, email or UPN');
  return new SubjectAlternativeName(names);
}

export function hasSubjectAltNames(sans: SubjectAltNames | undefined): boolean {
  return !!sans && [sans.dns, sans.ip, sans.email, sans.upn].some((list) => (list?.length ?? 0) > 0);
}

/** Key identifier per RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  return createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
}

export function subjectKeyIdentifierValue(keyId: Buffer): SubjectKeyIdentifier {
  return new SubjectKeyIdentifier(keyId);
}

export function authorityKeyIdentifierValue(keyId: Buffer): AuthorityKeyIdentifier {
  return new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId) });
}

// ---------------------------------------------------------------------------------------
// Reading extensions back (certificates and CSRs)

export interface ParsedExtensions {
  isCA?: boolean;
  pathLen?: number;
  keyUsage?: KeyUsage[];
  extendedKeyUsage?: string[];
  sans?: SubjectAltNames;
  subjectKeyIdentifier?: Buffer;
  authorityKeyIdentifier?: Buffer;
  /** OIDs of extensions marked critical. */
  critical: string[];
}

function parseSans(value: SubjectAlternativeName): SubjectAltNames {
  const sans: Required<SubjectAltNames> = { dns: [], ip: [], email: [], upn: [] };
  for (const name of value) {
    if (name.rfc822Name !== undefined) sans.email.push(name.rfc822Name);
    else if (name.dNSName !== undefined) sans.dns.push(name.dNSName);
    else if (name.iPAddress !== undefined) sans.ip.push(name.iPAddress);
    else if (name.otherName?.typeId === OID.upn) sans.upn.push(AsnConvert.parse(name.otherName.value, DirectoryString).toString());
  }
  return sans;
}

/** Decodes Extensions. Unknown extensions are skipped (but listed if critical). */
export function parseExtensions(extensions: Extensions | readonly Extension[]): ParsedExtensions {
  const out: ParsedExtensions = { critical: [] };
  for (const ext of extensions) {
    const id = ext.extnID;
    if (ext.critical) out.critical.push(id);
    const value = ext.extnValue.buffer;
    switch (id) {
      case OID.basicConstraints: {
        const constraints = AsnConvert.parse(value, BasicConstraints);
        out.isCA = constraints.cA;
        if (constraints.pathLenConstraint !== undefined) out.pathLen = constraints.pathLenConstraint;
        break;
      }
      case OID.keyUsage: {
        const flags = AsnConvert.parse(value, AsnKeyUsage).toNumber();
        out.keyUsage = KEY_USAGES.filter((_, bit) => (flags & (1 << bit)) !== 0);
        break;
      }
      case OID.extendedKeyUsage:
        out.extendedKeyUsage = [...AsnConvert.parse(value, ExtendedKeyUsage)];
        break;
      case OID.subjectAltName:
        out.sans = parseSans(AsnConvert.parse(value, SubjectAlternativeName));
        break;
      case OID.subjectKeyIdentifier:
        out.subjectKeyIdentifier = Buffer.from(AsnConvert.parse(value, SubjectKeyIdentifier).buffer);
        break;
      case OID.authorityKeyIdentifier: {
        const keyId = AsnConvert.parse(value, AuthorityKeyIdentifier).keyIdentifier;
        if (keyId) out.authorityKeyIdentifier = Buffer.from(keyId.buffer);
        break;
      }
    }
  }
  return out;
}
