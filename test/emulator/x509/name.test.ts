import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as asn1js from 'asn1js';
import { decodeName, encodeName, formatName, normalizeName, parseName } from '../../../src/emulator/x509/name.js';

describe('distinguished names', () => {
  it('parses a Key Vault style subject into RDNs in DER order', () => {
    const rdns = parseName('CN=api.contoso.com, O=Contoso, C=US');
    assert.deepEqual(rdns, [
      [{ oid: '2.5.4.6', value: 'US' }],
      [{ oid: '2.5.4.10', value: 'Contoso' }],
      [{ oid: '2.5.4.3', value: 'api.contoso.com' }],
    ]);
  });

  it('round-trips through DER to the same string', () => {
    const text = 'CN=api.contoso.com, OU=Platform, O=Contoso, L=Redmond, ST=WA, C=US, E=ops@contoso.com';
    assert.equal(formatName(decodeName(encodeName(text))), text);
  });

  it('accepts aliases, semicolons, quotes, escapes and multi-valued RDNs', () => {
    assert.equal(normalizeName('cn=a;s=WA'), 'CN=a, ST=WA');
    assert.equal(normalizeName('CN="Contoso, Inc."'), 'CN=Contoso\\, Inc.');
    assert.equal(normalizeName('CN=a\\+b+OU=x, EMAIL=x@y'), 'CN=a\\+b+OU=x, E=x@y');
    assert.equal(normalizeName('CN=\\C3\\A9t\\C3\\A9'), 'CN=été');
    assert.equal(normalizeName('2.5.4.3=byoid'), 'CN=byoid');
  });

  it('encodes country as PrintableString and email as IA5String', () => {
    const name = asn1js.fromBER(new Uint8Array(encodeName('CN=x, C=US, E=a@b'))).result as asn1js.Sequence;
    const valueTags = name.valueBlock.value.map((rdn) => {
      const atv = (rdn as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
      return atv.valueBlock.value[1].idBlock.tagNumber;
    });
    // DER order: E, C, CN → IA5String, PrintableString, UTF8String
    assert.deepEqual(valueTags, [22, 19, 12]);
  });

  it('explains what is wrong with bad input', () => {
    assert.throws(() => parseName('XX=1'), /Unknown attribute "XX".*use one of CN/);
    assert.throws(() => parseName('CN'), /not of the form TYPE=value/);
    assert.throws(() => parseName('CN=a,,O=b'), /Empty component/);
    assert.throws(() => parseName('C=USA'), /two-letter/);
    assert.throws(() => parseName('CN="open'), /Unterminated quote/);
    assert.throws(() => parseName('CN='), /empty value/);
  });

  it('treats an empty string as an empty name', () => {
    assert.deepEqual(parseName(''), []);
    assert.equal(encodeName('').toString('hex'), '3000');
  });
});
