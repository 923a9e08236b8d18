// X.500 distinguished names: from strings like "CN=api.contoso.com, O=Contoso, C=US" to DER
// and back. Strings follow RFC 4514 (as .NET and Key Vault policies write them): the most
// specific RDN comes first in the string and last in the DER encoding.

import type { DerNode } from './der-reader.js';
import { ia5String, oid as encodeOid, printableString, sequence, set, utf8String } from './der.js';
import { children, readDer, readOid, readString } from './der-reader.js';

export interface NameAttribute {
  /** Dotted OID of the attribute type, e.g. '2.5.4.3' for CN. */
  oid: string;
  value: string;
}

/** A relative distinguished name: usually one attribute, several when joined with '+'. */
export type Rdn = NameAttribute[];

/** RDNs in DER order (least specific first, e.g. C, O, CN). */
export type DistinguishedName = Rdn[];

interface AttributeType {
  short: string;
  oid: string;
  encoding: 'utf8' | 'printable' | 'ia5';
}

const ATTRIBUTE_TYPES: AttributeType[] = [
  { short: 'CN', oid: '2.5.4.3', encoding: 'utf8' },
  { short: 'SN', oid: '2.5.4.4', encoding: 'utf8' },
  { short: 'SERIALNUMBER', oid: '2.5.4.5', encoding: 'printable' },
  { short: 'C', oid: '2.5.4.6', encoding: 'printable' },
  { short: 'L', oid: '2.5.4.7', encoding: 'utf8' },
  { short: 'ST', oid: '2.5.4.8', encoding: 'utf8' },
  { short: 'STREET', oid: '2.5.4.9', encoding: 'utf8' },
  { short: 'O', oid: '2.5.4.10', encoding: 'utf8' },
  { short: 'OU', oid: '2.5.4.11', encoding: 'utf8' },
  { short: 'T', oid: '2.5.4.12', encoding: 'utf8' },
  { short: 'POSTALCODE', oid: '2.5.4.17', encoding: 'utf8' },
  { short: 'G', oid: '2.5.4.42', encoding: 'utf8' },
  { short: 'DC', oid: '0.9.2342.19200300.100.1.25', encoding: 'ia5' },
  { short: 'UID', oid: '0.9.2342.19200300.100.1.1', encoding: 'utf8' },
  { short: 'E', oid: '1.2.840.113549.1.9.1', encoding: 'ia5' },
];

// Other spellings seen in the wild (OpenSSL, .NET, Windows).
const ALIASES: Record<string, string> = {
  S: 'ST',
  EMAIL: 'E',
  EMAILADDRESS: 'E',
  TITLE: 'T',
  GN: 'G',
  GIVENNAME: 'G',
  SURNAME: 'SN',
  COMMONNAME: 'CN',
};

const BY_SHORT = new Map(ATTRIBUTE_TYPES.map((t) => [t.short, t]));
const BY_OID = new Map(ATTRIBUTE_TYPES.map((t) => [t.oid, t]));

const ALLOWED = ATTRIBUTE_TYPES.map((t) => t.short).join(', ');

function attributeType(key: string, text: string): { oid: string; type?: AttributeType } {
  const upper = key.toUpperCase();
  if (/^\d+(\.\d+)+$/.test(key)) return { oid: key, type: BY_OID.get(key) };
  const type = BY_SHORT.get(ALIASES[upper] ?? upper);
  if (!type) {
    throw new Error(`Unknown attribute "${key}" in distinguished name "${text}": use one of ${ALLOWED}, or a dotted OID`);
  }
  return { oid: type.oid, type };
}

/** Splits at unescaped, unquoted separators; keeps escapes for the value parser. */
function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quoted) throw new Error(`Unterminated quote in distinguished name "${text}"`);
  parts.push(current);
  return parts;
}

function trimValue(raw: string): string {
  let out = raw.trimStart();
  // Keep a trailing space that is escaped ("foo\ ").
  while (out.endsWith(' ') && !out.endsWith('\\ ')) out = out.slice(0, -1);
  return out;
}

function unescapeValue(raw: string, text: string): string {
  const trimmed = trimValue(raw);
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = trimmed.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(next)) {
      // Hex pairs form UTF-8 byte sequences; collect consecutive ones.
      const bytes: number[] = [];
      while (trimmed[i] === '\\' && /^[0-9a-fA-F]{2}$/.test(trimmed.slice(i + 1, i + 3))) {
        bytes.push(parseInt(trimmed.slice(i + 1, i + 3), 16));
        i += 3;
      }
      i--;
      out += Buffer.from(bytes).toString('utf8');
    } else if (i + 1 < trimmed.length) {
      out += trimmed[++i];
    } else {
      throw new Error(`Dangling backslash at the end of a value in distinguished name "${text}"`);
    }
  }
  return out;
}

/**
 * Parses "CN=api.contoso.com, O=Contoso, C=US" (',' or ';' between RDNs, '+' inside a
 * multi-valued RDN, backslash escapes or double quotes for special characters).
 * Returns RDNs in DER order. Throws a message naming the bad part and what is allowed.
 */
export function parseName(text: string): DistinguishedName {
  if (text.trim() === '') return [];
  const rdns = splitTopLevel(text, ',;').map((rdnText) => {
    if (rdnText.trim() === '') throw new Error(`Empty component in distinguished name "${text}"`);
    return splitTopLevel(rdnText, '+').map((pair): NameAttribute => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`"${pair.trim()}" in distinguished name "${text}" is not of the form TYPE=value (e.g. CN=example.com)`);
      const key = pair.slice(0, eq).trim();
      const { oid, type } = attributeType(key, text);
      const value = unescapeValue(pair.slice(eq + 1), text);
      if (value === '') throw new Error(`Attribute ${key} in distinguished name "${text}" has an empty value`);
      if (type?.short === 'C' && !/^[A-Za-z]{2}$/.test(value)) {
        throw new Error(`Country (C) must be a two-letter ISO 3166 code like US, got "${value}"`);
      }
      return { oid, value };
    });
  });
  return rdns.reverse();
}

function encodeValue(attr: NameAttribute): Buffer {
  const encoding = BY_OID.get(attr.oid)?.encoding ?? 'utf8';
  if (encoding === 'printable') return printableString(attr.value);
  if (encoding === 'ia5') return ia5String(attr.value);
  return utf8String(attr.value);
}

/** DER encoding of a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function encodeName(name: string | DistinguishedName): Buffer {
  const rdns = typeof name === 'string' ? parseName(name) : name;
  return sequence(...rdns.map((rdn) => set(...rdn.map((attr) => sequence(encodeOid(attr.oid), encodeValue(attr))))));
}

/** Reads a DER Name (bytes or an already parsed node) into RDNs in DER order. */
export function decodeName(der: Buffer | DerNode): DistinguishedName {
  const node = Buffer.isBuffer(der) ? readDer(der) : der;
  return children(node).map((rdnNode) =>
    children(rdnNode).map((atv) => {
      const [typeNode, valueNode] = children(atv);
      return { oid: readOid(typeNode), value: readString(valueNode) };
    }),
  );
}

function escapeValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (ch) => '\\' + ch);
  if (out.startsWith('#') || out.startsWith(' ')) out = '\\' + out;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = out.slice(0, -1) + '\\ ';
  return out;
}

/** RFC 4514 string ("CN=api.contoso.com, O=Contoso") from RDNs in DER order. */
export function formatName(name: DistinguishedName): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((attr) => `${BY_OID.get(attr.oid)?.short ?? attr.oid}=${escapeValue(attr.value)}`).join('+'))
    .join(', ');
}

/** Canonicalises a DN string (aliases, spacing, escaping), e.g. for comparing subjects. */
export function normalizeName(text: string): string {
  return formatName(parseName(text));
}
