import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boolean, explicit, nullValue, sequence, utf8String, integer } from '../../../src/emulator/x509/der.js';
import { children, octetStringBytes, readBoolean, readDer, readInteger, readString } from '../../../src/emulator/x509/der-reader.js';

describe('der reader', () => {
  it('parses back nested structures', () => {
    const der = sequence(integer(-5), boolean(false), sequence(utf8String('hi')), explicit(3, nullValue()));
    const [i, b, inner, tagged] = children(readDer(der));
    assert.equal(readInteger(i), -5n);
    assert.equal(readBoolean(b), false);
    assert.equal(readString(children(inner)[0]), 'hi');
    assert.equal(tagged.cls, 'context');
    assert.equal(tagged.tagNumber, 3);
    assert.equal(tagged.constructed, true);
  });

  it('rejects truncated input, trailing bytes and indefinite lengths', () => {
    assert.throws(() => readDer(Buffer.from('3005020101', 'hex')), /past the end/);
    assert.throws(() => readDer(Buffer.from('02010100', 'hex')), /trailing/);
    assert.throws(() => readDer(Buffer.from('30800000', 'hex')), /indefinite/);
  });

  it('reads BER indefinite lengths and constructed OCTET STRINGs only when asked', () => {
    // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { 'ab', 'cd' } }
    const ber = Buffer.from('3080248004016104016200000000', 'hex');
    assert.throws(() => readDer(ber), /indefinite length is not allowed/);
    const node = readDer(ber, true);
    const [octets] = children(node);
    assert.equal(octetStringBytes(octets).toString(), 'ab');
    assert.throws(() => readDer(Buffer.from('30800401', 'hex'), true), /end-of-contents|past the end|truncated/);
  });
});
