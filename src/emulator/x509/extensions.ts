// X.509 v3 extensions (RFC 5280 4.2) we write and read back: basic constraints, key usage,
// extended key usage, subject alternative names, subject/authority key identifiers.

import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { DerNode } from './der-reader.js';
import { boolean, explicit, ia5String, implicit, integer, namedBitString, octetString, oid, sequence, utf8String } from './der.js';
import { children, readBitString, readBoolean, readDer, readInteger, readNamedBits, readOctetString, readOid, readString } from './der-reader.js';

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

/** One Extension: SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING }. */
export function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

export function basicConstraintsValue(isCA: boolean, pathLen?: number): Buffer {
  if (pathLen !== undefined && (!isCA || !Number.isInteger(pathLen) || pathLen < 0)) {
    throw new Error(`pathLen must be a non-negative integer and needs isCA: true, got ${pathLen}`);
  }
  const parts: Buffer[] = [];
  if (isCA) parts.push(boolean(true));
  if (pathLen !== undefined) parts.push(integer(pathLen));
  return sequence(...parts);
}

export function keyUsageValue(usages: readonly string[]): Buffer {
  const bits = usages.map((usage) => {
    const bit = (KEY_USAGES as readonly string[]).indexOf(usage);
    if (bit < 0) throw new Error(`Unknown key usage "${usage}": allowed are ${KEY_USAGES.join(', ')}`);
    return bit;
  });
  return namedBitString(bits);
}

export function extendedKeyUsageValue(oids: readonly string[]): Buffer {
  return sequence(
    ...oids.map((id) => {
      if (!/^[0-2](\.\d+)+$/.test(id)) {
        throw new Error(`Extended key usage "${id}" is not an OID: expected dotted decimal like ${EKU.serverAuth}`);
      }
      return oid(id);
    }),
  );
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

/** An IP address in text form as the 4 or 16 bytes a SAN iPAddress holds. */
export function ipToBytes(address: string): Buffer {
  const family = isIP(address);
  if (family === 4) return Buffer.from(address.split('.').map(Number));
  if (family !== 6) throw new Error(`"${address}" is not an IPv4 or IPv6 address`);
  let text = address.replace(/%.*$/, '');
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail.push(...v4[1].split('.').map(Number));
    text = text.slice(0, -v4[1].length) + '0:0';
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(rest !== undefined ? missing : 0).fill('0'), ...restGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  if (tail.length) Buffer.from(tail).copy(bytes, 12);
  return bytes;
}

/** The text form of a SAN iPAddress (4 or 16 bytes). */
export function bytesToIp(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) throw new Error(`An IP address has 4 or 16 bytes, got ${bytes.length}`);
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

export function subjectAltNameValue(sans: SubjectAltNames): Buffer {
  const names: Buffer[] = [];
  for (const email of sans.email ?? []) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`"${email}" is not an email address (expected name@domain)`);
    names.push(implicit(1, ia5String(email)));
  }
  for (const dns of sans.dns ?? []) {
    checkDnsName(dns);
    names.push(implicit(2, ia5String(dns)));
  }
  for (const ip of sans.ip ?? []) names.push(implicit(7, octetString(ipToBytes(ip))));
  for (const upn of sans.upn ?? []) {
    if (upn.trim() === '') throw new Error('A user principal name (UPN) cannot be empty');
    // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, itself [0] IMPLICIT.
    names.push(implicit(0, sequence(oid(OID.upn), explicit(0, utf8String(upn)))));
  }
  if (names.length === 0) throw new Error('Subject alternative names must hold at least one DNS name, IP, email or UPN');
  return sequence(...names);
}

export function hasSubjectAltNames(sans: SubjectAltNames | undefined): boolean {
  return !!sans && [sans.dns, sans.ip, sans.email, sans.upn].some((list) => (list?.length ?? 0) > 0);
}

/** Key identifier per RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  const [, keyBits] = children(readDer(spkiDer));
  return createHash('sha1').update(readBitString(keyBits).bytes).digest();
}

export function authorityKeyIdentifierValue(keyId: Buffer): Buffer {
  return sequence(implicit(0, octetString(keyId)));
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

function parseSans(value: DerNode): SubjectAltNames {
  const sans: Required<SubjectAltNames> = { dns: [], ip: [], email: [], upn: [] };
  for (const name of children(value)) {
    if (name.cls !== 'context') continue;
    if (name.tagNumber === 1) sans.email.push(readString(name));
    else if (name.tagNumber === 2) sans.dns.push(readString(name));
    else if (name.tagNumber === 7) sans.ip.push(bytesToIp(name.content));
    else if (name.tagNumber === 0) {
      const [typeId, wrapped] = children(name);
      if (readOid(typeId) === OID.upn) sans.upn.push(readString(children(wrapped)[0]));
    }
  }
  return sans;
}

/** Decodes a SEQUENCE OF Extension. Unknown extensions are skipped (but listed if critical). */
export function parseExtensions(node: DerNode): ParsedExtensions {
  const out: ParsedExtensions = { critical: [] };
  for (const ext of children(node)) {
    const parts = children(ext);
    const id = readOid(parts[0]);
    const critical = parts.length === 3 && readBoolean(parts[1]);
    if (critical) out.critical.push(id);
    const value = readDer(readOctetString(parts[parts.length - 1]));
    switch (id) {
      case OID.basicConstraints: {
        const fields = children(value);
        out.isCA = fields[0]?.tag === 0x01 ? readBoolean(fields[0]) : false;
        const len = fields.find((f) => f.tag === 0x02);
        if (len) out.pathLen = Number(readInteger(len));
        break;
      }
      case OID.keyUsage:
        out.keyUsage = readNamedBits(value)
          .filter((bit) => bit < KEY_USAGES.length)
          .map((bit) => KEY_USAGES[bit]);
        break;
      case OID.extendedKeyUsage:
        out.extendedKeyUsage = children(value).map(readOid);
        break;
      case OID.subjectAltName:
        out.sans = parseSans(value);
        break;
      case OID.subjectKeyIdentifier:
        out.subjectKeyIdentifier = Buffer.from(readOctetString(value));
        break;
      case OID.authorityKeyIdentifier: {
        const keyId = children(value).find((f) => f.cls === 'context' && f.tagNumber === 0);
        if (keyId) out.authorityKeyIdentifier = Buffer.from(keyId.content);
        break;
      }
    }
  }
  return out;
}
