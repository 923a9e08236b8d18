// X.500 distinguished names: from strings like "CN=api.contoso.com, O=Contoso, C=US" to
// @peculiar/x509 Names and DER, and back. The text syntax (RFC 4514, with messages saying what
// is wrong) lives in src/text/distinguished-name.ts, shared with kvx; it also picks each
// value's string type. The most specific RDN comes first in the string, last in the DER.

import { AsnConvert } from '@peculiar/asn1-schema';
import { Name as AsnName } from '@peculiar/asn1-x509';
import type { DistinguishedName } from '../../text/distinguished-name.js';
import { attributeEncoding, formatDistinguishedName, parseDistinguishedName } from '../../text/distinguished-name.js';
import { x509 } from './x509-library.js';

export type { DistinguishedName, NameAttribute, Rdn } from '../../text/distinguished-name.js';

/** RDNs in DER order; throws a DistinguishedNameError naming the bad part and what is allowed. */
export const parseName = parseDistinguishedName;

/** RFC 4514 string ("CN=api.contoso.com, O=Contoso") from RDNs in DER order. */
export const formatName = formatDistinguishedName;

type JsonName = Extract<ConstructorParameters<typeof x509.Name>[0], unknown[]>;
type JsonValue = { printableString: string } | { ia5String: string } | { utf8String: string };

function attributeValue(oid: string, value: string): JsonValue {
  const encoding = attributeEncoding(oid);
  if (encoding === 'printable') return { printableString: value };
  if (encoding === 'ia5') return { ia5String: value };
  return { utf8String: value };
}

/**
 * The Name of a DN string or of RDNs in DER order, with explicit string types: @peculiar/x509's
 * own string parser picks printableString for any value that fits it, which would change the
 * bytes of every certificate the demo has issued so far.
 */
export function toX509Name(name: string | DistinguishedName): x509.Name {
  const rdns = typeof name === 'string' ? parseName(name) : name;
  const json: JsonName = rdns.map((rdn) => {
    const item: Record<string, JsonValue[]> = {};
    for (const attr of rdn) (item[attr.oid] ??= []).push(attributeValue(attr.oid, attr.value));
    return item;
  });
  return new x509.Name(json);
}

/** DER encoding of a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function encodeName(name: string | DistinguishedName): Buffer {
  return Buffer.from(toX509Name(name).toArrayBuffer());
}

/** Reads a Name (DER bytes or parsed) into RDNs in DER order, attribute types as OIDs. */
export function decodeName(name: Buffer | x509.Name): DistinguishedName {
  const der = Buffer.isBuffer(name) ? name : name.toArrayBuffer();
  return AsnConvert.parse(der, AsnName).map((rdn) => rdn.map((atv) => ({ oid: atv.type, value: atv.value.toString() })));
}

/** Canonicalises a DN string (aliases, spacing, escaping), e.g. for comparing subjects. */
export function normalizeName(text: string): string {
  return formatName(parseName(text));
}
