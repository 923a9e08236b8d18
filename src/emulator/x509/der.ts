// A minimal DER (X.690) writer: just enough ASN.1 to build X.509 certificates, PKCS#10
// requests and PKCS#12 files. Node has no API for this. The reader is in der-reader.ts.
//
// Writer functions return complete TLV encodings as Buffers, so structures compose by
// nesting calls: sequence(integer(1n), oid('1.2.3')).

import { readDer } from './der-reader.js';
import { TAG } from './der-tags.js';



function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with the given identifier octet and content. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...children: Buffer[]): Buffer {
  return tlv(TAG.sequence, Buffer.concat(children));
}

/** SET OF: DER requires the encodings sorted as octet strings. */
export function set(...children: Buffer[]): Buffer {
  const sorted = [...children].sort(Buffer.compare);
  return tlv(TAG.set, Buffer.concat(sorted));
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

/**
 * INTEGER from a number, a bigint, or a Buffer holding an unsigned big-endian magnitude
 * (serial numbers, RSA moduli). Buffers are always read as positive.
 */
export function integer(value: number | bigint | Buffer): Buffer {
  if (Buffer.isBuffer(value)) {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    let bytes = value.subarray(start);
    if (bytes.length === 0) bytes = Buffer.from([0]);
    if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return tlv(TAG.integer, bytes);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`DER integer must be a safe integer, got ${value}`);
  }
  let n = BigInt(value);
  // Two's complement, shortest form.
  const bytes: number[] = [];
  const negative = n < 0n;
  for (;;) {
    const byte = Number(n & 0xffn);
    bytes.unshift(byte);
    n >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((!negative && n === 0n && !signBit) || (negative && n === -1n && signBit)) break;
  }
  return tlv(TAG.integer, Buffer.from(bytes));
}

function encodeBase128(value: bigint): number[] {
  const out = [Number(value & 0x7fn)];
  for (let v = value >> 7n; v > 0n; v >>= 7n) out.unshift(Number(v & 0x7fn) | 0x80);
  return out;
}

/** OBJECT IDENTIFIER from dotted form, e.g. '1.2.840.113549.1.1.11'. */
export function oid(dotted: string): Buffer {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(dotted)) {
    throw new Error(`Invalid OID "${dotted}": expected dotted decimal like 1.2.840.113549`);
  }
  const arcs = dotted.split('.').map((s) => BigInt(s));
  if (arcs[0] < 2n && arcs[1] > 39n) throw new Error(`Invalid OID "${dotted}": second arc must be < 40`);
  const bytes = [...encodeBase128(arcs[0] * 40n + arcs[1])];
  for (const arc of arcs.slice(2)) bytes.push(...encodeBase128(arc));
  return tlv(TAG.oid, Buffer.from(bytes));
}

export function nullValue(): Buffer {
  return Buffer.from([TAG.null, 0]);
}

export function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/**
 * A named-bit BIT STRING (as KeyUsage): bit 0 is the most significant bit of the first
 * byte; DER drops trailing zero bits.
 */
export function namedBitString(bits: number[]): Buffer {
  if (bits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] |= 0x80 >> (bit % 8);
  return bitString(bytes, 7 - (highest % 8));
}

export function octetString(bytes: Buffer): Buffer {
  return tlv(TAG.octetString, bytes);
}

export function utf8String(text: string): Buffer {
  return tlv(TAG.utf8String, Buffer.from(text, 'utf8'));
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function isPrintableString(text: string): boolean {
  return PRINTABLE.test(text);
}

export function printableString(text: string): Buffer {
  if (!isPrintableString(text)) {
    throw new Error(`"${text}" is not a PrintableString: allowed are A-Z a-z 0-9 space and '()+,-./:=?`);
  }
  return tlv(TAG.printableString, Buffer.from(text, 'latin1'));
}

export function ia5String(text: string): Buffer {
  if ([...text].some((ch) => ch.charCodeAt(0) > 0x7f)) throw new Error(`"${text}" is not an IA5String: only ASCII is allowed`);
  return tlv(TAG.ia5String, Buffer.from(text, 'latin1'));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function timeDigits(date: Date): string {
  return (
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

function checkDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new Error('Invalid date: cannot encode an invalid Date as ASN.1 time');
}

export function utcTime(date: Date): Buffer {
  checkDate(date);
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime covers 1950–2049, got ${year}`);
  return tlv(TAG.utcTime, Buffer.from(pad(year % 100) + timeDigits(date) + 'Z', 'latin1'));
}

export function generalizedTime(date: Date): Buffer {
  checkDate(date);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`GeneralizedTime covers years 0–9999, got ${year}`);
  return tlv(TAG.generalizedTime, Buffer.from(pad(year, 4) + timeDigits(date) + 'Z', 'latin1'));
}

/** X.509 Time (RFC 5280 4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050 on. */
export function time(date: Date): Buffer {
  checkDate(date);
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? utcTime(date) : generalizedTime(date);
}

/** [n] EXPLICIT: wraps a whole encoding in a constructed context tag. */
export function explicit(tagNumber: number, inner: Buffer): Buffer {
  checkTagNumber(tagNumber);
  return tlv(0xa0 | tagNumber, inner);
}

/**
 * [n] IMPLICIT: replaces the tag of `inner` (a full TLV) with a context tag, keeping
 * its content and its constructed bit.
 */
export function implicit(tagNumber: number, inner: Buffer): Buffer {
  checkTagNumber(tagNumber);
  const node = readDer(inner);
  return tlv(0x80 | (node.constructed ? 0x20 : 0) | tagNumber, node.content);
}

function checkTagNumber(tagNumber: number): void {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30) {
    throw new RangeError(`Context tag number must be 0–30, got ${tagNumber}`);
  }
}
