// X.509 v3 extensions (RFC 5280 4.2) we write and read back: basic constraints, key usage,
// extended key usage, subject alternative names, subject/authority key identifiers. The
// extension classes are @peculiar/x509's; what is ours is the mapping to Key Vault's policy
// vocabulary and the checks with messages saying what is allowed.

import { isIP } from 'node:net';
import { x509 } from './x509-library.js';

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

/** basicConstraints, critical, with cA set accordingly. */
export function basicConstraintsExtension(isCA: boolean, pathLen?: number): x509.Extension {
  if (pathLen !== undefined && (!isCA || !Number.isInteger(pathLen) || pathLen < 0)) {
    throw new Error(`pathLen must be a non-negative integer and needs isCA: true, got ${pathLen}`);
  }
  return new x509.BasicConstraintsExtension(isCA, pathLen, true);
}

/** keyUsage, critical; x509.KeyUsageFlags has the bits in KEY_USAGES order. */
export function keyUsageExtension(usages: readonly string[]): x509.Extension {
  let flags = 0;
  for (const usage of usages) {
    const bit = (KEY_USAGES as readonly string[]).indexOf(usage);
    if (bit < 0) throw new Error(`Unknown key usage "${usage}": allowed are ${KEY_USAGES.join(', ')}`);
    flags |= 1 << bit;
  }
  return new x509.KeyUsagesExtension(flags, true);
}

export function extendedKeyUsageExtension(oids: readonly string[]): x509.Extension {
  for (const id of oids) {
    if (!/^[0-2](\.\d+)+$/.test(id)) {
      throw new Error(`Extended key usage "${id}" is not an OID: expected dotted decimal like ${EKU.serverAuth}`);
    }
  }
  return new x509.ExtendedKeyUsageExtension([...oids], false);
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

export function subjectAltNameExtension(sans: SubjectAltNames, critical: boolean): x509.Extension {
  const names: x509.JsonGeneralName[] = [];
  for (const email of sans.email ?? []) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`"${email}" is not an email address (expected name@domain)`);
    names.push({ type: 'email', value: email });
  }
  for (const dns of sans.dns ?? []) {
    checkDnsName(dns);
    names.push({ type: 'dns', value: dns });
  }
  for (const ip of sans.ip ?? []) names.push({ type: 'ip', value: canonicalIp(ip) });
  for (const upn of sans.upn ?? []) {
    if (upn.trim() === '') throw new Error('A user principal name (UPN) cannot be empty');
    names.push({ type: 'upn', value: upn });
  }
  if (names.length === 0) throw new Error('Subject alternative names must hold at least one DNS name, IP, email or UPN');
  return new x509.SubjectAlternativeNameExtension(names, critical);
}

export function hasSubjectAltNames(sans: SubjectAltNames | undefined): boolean {
  return !!sans && [sans.dns, sans.ip, sans.email, sans.upn].some((list) => (list?.length ?? 0) > 0);
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

function parseSans(value: x509.SubjectAlternativeNameExtension): SubjectAltNames {
  const sans: Required<SubjectAltNames> = { dns: [], ip: [], email: [], upn: [] };
  for (const name of value.names.items) {
    if (name.type === 'email') sans.email.push(name.value);
    else if (name.type === 'dns') sans.dns.push(name.value);
    else if (name.type === 'ip') sans.ip.push(name.value);
    else if (name.type === 'upn') sans.upn.push(name.value);
  }
  return sans;
}

const hexBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** Reads the extensions @peculiar/x509 parsed. Unknown ones are skipped (but listed if critical). */
export function parseExtensions(extensions: readonly x509.Extension[]): ParsedExtensions {
  const out: ParsedExtensions = { critical: [] };
  for (const ext of extensions) {
    if (ext.critical) out.critical.push(ext.type);
    if (ext instanceof x509.BasicConstraintsExtension) {
      out.isCA = ext.ca;
      if (ext.pathLength !== undefined) out.pathLen = ext.pathLength;
    } else if (ext instanceof x509.KeyUsagesExtension) {
      out.keyUsage = KEY_USAGES.filter((_, bit) => (ext.usages & (1 << bit)) !== 0);
    } else if (ext instanceof x509.ExtendedKeyUsageExtension) {
      out.extendedKeyUsage = Array.from(ext.usages, String); // a plain array, not the ASN.1 list class
    } else if (ext instanceof x509.SubjectAlternativeNameExtension) {
      out.sans = parseSans(ext);
    } else if (ext instanceof x509.SubjectKeyIdentifierExtension) {
      out.subjectKeyIdentifier = hexBytes(ext.keyId);
    } else if (ext instanceof x509.AuthorityKeyIdentifierExtension && ext.keyId) {
      out.authorityKeyIdentifier = hexBytes(ext.keyId);
    }
  }
  return out;
}
