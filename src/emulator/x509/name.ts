// X.500 distinguished names: from strings like "CN=api.contoso.com, O=Contoso, C=US" to DER
// and back. The text syntax (RFC 4514) lives in src/text/distinguished-name.ts, shared with
// kvx; the most specific RDN comes first in the string and last in the DER encoding.

import type { DistinguishedName, NameAttribute } from '../../text/distinguished-name.js';
import { attributeEncoding, formatDistinguishedName, parseDistinguishedName } from '../../text/distinguished-name.js';
import type { DerNode } from './der-reader.js';
import { ia5String, oid as encodeOid, printableString, sequence, set, utf8String } from './der.js';
import { children, readDer, readOid, readString } from './der-reader.js';

export type { DistinguishedName, NameAttribute, Rdn } from '../../text/distinguished-name.js';

/** RDNs in DER order; throws a DistinguishedNameError naming the bad part and what is allowed. */
export const parseName = parseDistinguishedName;

/** RFC 4514 string ("CN=api.contoso.com, O=Contoso") from RDNs in DER order. */
export const formatName = formatDistinguishedName;

function encodeValue(attr: NameAttribute): Buffer {
  const encoding = attributeEncoding(attr.oid);
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

/** Canonicalises a DN string (aliases, spacing, escaping), e.g. for comparing subjects. */
export function normalizeName(text: string): string {
  return formatName(parseName(text));
}
