// X.500 distinguished names: from strings like "CN=api.contoso.com, O=Contoso, C=US" to DER
// and back. The text syntax (RFC 4514) lives in src/text/distinguished-name.ts, shared with
// kvx; the ASN.1 comes from @peculiar/asn1-x509. The most specific RDN comes first in the
// string and last in the DER encoding.

import { AsnConvert } from '@peculiar/asn1-schema';
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import type { DistinguishedName } from '../../text/distinguished-name.js';
import { attributeEncoding, formatDistinguishedName, parseDistinguishedName } from '../../text/distinguished-name.js';

export type { DistinguishedName, NameAttribute, Rdn } from '../../text/distinguished-name.js';

/** RDNs in DER order; throws a DistinguishedNameError naming the bad part and what is allowed. */
export const parseName = parseDistinguishedName;

/** RFC 4514 string ("CN=api.contoso.com, O=Contoso") from RDNs in DER order. */
export const formatName = formatDistinguishedName;

function attributeValue(oid: string, value: string): AttributeValue {
  const encoding = attributeEncoding(oid);
  if (encoding === 'printable') return new AttributeValue({ printableString: value });
  if (encoding === 'ia5') return new AttributeValue({ ia5String: value });
  return new AttributeValue({ utf8String: value });
}

/** The ASN.1 Name of a DN string or of RDNs in DER order. */
export function toAsnName(name: string | DistinguishedName): Name {
  const rdns = typeof name === 'string' ? parseName(name) : name;
  return new Name(
    rdns.map((rdn) => new RelativeDistinguishedName(rdn.map((attr) => new AttributeTypeAndValue({ type: attr.oid, value: attributeValue(attr.oid, attr.value) })))),
  );
}

/** DER encoding of a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function encodeName(name: string | DistinguishedName): Buffer {
  return Buffer.from(AsnConvert.serialize(toAsnName(name)));
}

/** Reads a Name (DER bytes or already parsed) into RDNs in DER order. */
export function decodeName(der: Buffer | Name): DistinguishedName {
  const name = Buffer.isBuffer(der) ? AsnConvert.parse(der, Name) : der;
  return name.map((rdn) => rdn.map((atv) => ({ oid: atv.type, value: atv.value.toString() })));
}

/** Canonicalises a DN string (aliases, spacing, escaping), e.g. for comparing subjects. */
export function normalizeName(text: string): string {
  return formatName(parseName(text));
}
