// The subject syntax shared by the emulator (policy check before anything is stored) and kvx
// (form check before sending): what parses, into what, and what each refusal says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DistinguishedNameError,
  distinguishedNameProblem,
  formatDistinguishedName,
  parseDistinguishedName,
} from '../../src/text/distinguished-name.js';

describe('parseDistinguishedName', () => {
  it('reads RFC 4514 names, with quotes, escapes, hex UTF-8, aliases, OIDs and multi-valued RDNs', () => {
    const round = (text: string) => formatDistinguishedName(parseDistinguishedName(text));
    assert.equal(round('CN=api.contoso.com, O=Contoso, C=US'), 'CN=api.contoso.com, O=Contoso, C=US');
    assert.equal(round('cn = a ; s=WA'), 'CN=a, ST=WA');
    assert.equal(round('CN="Contoso, Inc."'), 'CN=Contoso\\, Inc.');
    assert.equal(round('CN="say \\"hi\\""'), 'CN=say \\"hi\\"');
    assert.equal(round('CN=\\C3\\A9t\\C3\\A9+OU=x'), 'CN=été+OU=x');
    assert.equal(round('CN=trailing\\ '), 'CN=trailing\\ ');
    assert.equal(round('0.9.2342.19200300.100.1.25=com, 2.5.4.3=x'), 'DC=com, CN=x');
    assert.deepEqual(parseDistinguishedName('  '), []);
  });

  it('refuses what would fail when the certificate is signed, naming the part and what is allowed', () => {
    const cases: [string, RegExp][] = [
      ['CN=x;junk', /"junk" is not of the form TYPE=value/],
      ['CN="unterminated', /Unterminated quote/],
      ['CN="a"b', /Text after a closing quote/],
      ['CN=a"b', /double quote inside a value must be escaped/],
      ['CN=#04024869', /hex-encoded BER/],
      ['CN=\\FF\\FE', /not UTF-8/],
      ['CN=x\\', /Dangling backslash/],
      ['CN=a,,O=b', /Empty component/],
      ['CN=x,', /Empty component/],
      ['CN=', /empty value/],
      ['XX=1', /Unknown attribute "XX" \(use one of CN, .*or a dotted OID\)/],
      ['C=USA', /two-letter ISO 3166/],
      ['SERIALNUMBER=a_b', /SERIALNUMBER allows only A-Z/],
      ['DC=café', /DC allows only ASCII/],
      ['3.1=x', /not a dotted OID/],
      ['1.40=x', /second arc must be below 40/],
      ['CN=' + 'x'.repeat(5000), /at most 4096 characters/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseDistinguishedName(text), (err: Error) => {
        assert.ok(err instanceof DistinguishedNameError, text);
        assert.equal(err.name, 'DistinguishedNameError');
        assert.match(err.message, message, text);
        return true;
      });
      assert.match(distinguishedNameProblem(text) ?? '', message);
    }
    assert.equal(distinguishedNameProblem('CN=fine, O=Contoso'), null);
  });
});
