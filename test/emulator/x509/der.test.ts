import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boolean, explicit, generalizedTime, implicit, integer, namedBitString, nullValue, octetString, oid, printableString, sequence, set, time, utf8String } from '../../../src/emulator/x509/der.js';
import { readDer, readNamedBits, readOid, readTime, readUnsignedIntegerBytes } from '../../../src/emulator/x509/der-reader.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('der writer', () => {
  it('encodes small and negative integers in shortest two’s complement', () => {
    assert.equal(hex(integer(0)), '020100');
    assert.equal(hex(integer(127)), '02017f');
    assert.equal(hex(integer(128)), '02020080');
    assert.equal(hex(integer(256)), '02020100');
    assert.equal(hex(integer(-1)), '0201ff');
    assert.equal(hex(integer(-128)), '020180');
    assert.equal(hex(integer(-129)), '0202ff7f');
  });

  it('encodes Buffers as positive integers, adding a zero byte when the top bit is set', () => {
    assert.equal(hex(integer(Buffer.from('ff01', 'hex'))), '020300ff01');
    assert.equal(hex(integer(Buffer.from('00007f', 'hex'))), '02017f');
    const big = Buffer.alloc(300, 0xab);
    const node = readDer(integer(big));
    assert.deepEqual(readUnsignedIntegerBytes(node), big);
    assert.equal(node.raw.subarray(0, 4).toString('hex'), '0282012d'); // long-form length 301
  });

  it('rejects integers that are not safe', () => {
    assert.throws(() => integer(1.5), /safe integer/);
  });

  it('encodes OIDs, including multi-byte arcs', () => {
    assert.equal(hex(oid('1.2.840.113549.1.1.11')), '06092a864886f70d01010b');
    assert.equal(hex(oid('2.5.29.17')), '0603551d11');
    assert.equal(readOid(readDer(oid('1.3.6.1.4.1.311.20.2.3'))), '1.3.6.1.4.1.311.20.2.3');
    assert.equal(readOid(readDer(oid('2.999.3'))), '2.999.3');
    assert.throws(() => oid('1.2.x'), /dotted decimal/);
  });

  it('encodes primitives with the right tags', () => {
    assert.equal(hex(nullValue()), '0500');
    assert.equal(hex(boolean(true)), '0101ff');
    assert.equal(hex(octetString(Buffer.from('ab', 'hex'))), '0401ab');
    assert.equal(hex(utf8String('é')), '0c02c3a9');
    assert.equal(hex(printableString('US')), '13025553');
    assert.throws(() => printableString('a@b'), /PrintableString/);
  });

  it('sorts SET OF members as DER requires', () => {
    assert.equal(hex(set(integer(2), integer(1))), '3106020101020102');
  });

  it('drops trailing zero bits in named bit strings', () => {
    // digitalSignature(0) + keyEncipherment(2) = 1010 0000, 5 unused bits
    assert.equal(hex(namedBitString([0, 2])), '030205a0');
    // decipherOnly(8) needs a second byte
    assert.equal(hex(namedBitString([0, 8])), '0303078080');
    assert.deepEqual(readNamedBits(readDer(namedBitString([0, 5, 6]))), [0, 5, 6]);
  });

  it('uses UTCTime before 2050 and GeneralizedTime from 2050', () => {
    const d2049 = new Date(Date.UTC(2049, 11, 31, 23, 59, 59));
    const d2050 = new Date(Date.UTC(2050, 0, 1, 0, 0, 0));
    assert.equal(time(d2049).toString('latin1').slice(2), '491231235959Z');
    assert.equal(time(d2049)[0], 0x17);
    assert.equal(time(d2050)[0], 0x18);
    assert.equal(time(d2050).toString('latin1').slice(2), '20500101000000Z');
    assert.deepEqual(readTime(readDer(time(d2049))), d2049);
    assert.deepEqual(readTime(readDer(time(d2050))), d2050);
    assert.deepEqual(readTime(readDer(generalizedTime(new Date(Date.UTC(1949, 0, 1))))), new Date(Date.UTC(1949, 0, 1)));
  });

  it('builds explicit and implicit context tags', () => {
    assert.equal(hex(explicit(0, integer(2))), 'a003020102');
    assert.equal(hex(implicit(2, utf8String('a'))), '820161');
    assert.equal(hex(implicit(0, sequence(integer(1)))), 'a003020101');
  });
});
