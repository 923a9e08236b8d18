// A minimal DER (X.690) writer and reader: just enough ASN.1 to build X.509 certificates
// and PKCS#10 requests and to parse back what we need from them. Node has no API for this.
//
// Writer functions return complete TLV encodings as Buffers, so structures compose by
// nesting calls: sequence(integer(1n), oid('1.2.3')).

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  t61String: 0x14,
  universalString: 0x1c,
  sequence: 0x30,
  set: 0x31,
} as const;

export { TAG as DER_TAG };

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

// ---------------------------------------------------------------------------------------
// Reader

export type DerClass = 'universal' | 'application' | 'context' | 'private';

export interface DerNode {
  /** The identifier octet as it appeared (e.g. 0x30 for SEQUENCE, 0xa0 for [0]). */
  tag: number;
  cls: DerClass;
  constructed: boolean;
  tagNumber: number;
  /** The content octets. */
  content: Buffer;
  /** The whole TLV, useful to copy a structure byte for byte (e.g. a Name). */
  raw: Buffer;
  /** Read in BER mode: children may use indefinite lengths too. */
  ber?: boolean;
}

const CLASSES: DerClass[] = ['universal', 'application', 'context', 'private'];

/**
 * Reads one TLV at `offset`; returns it and the offset just past it. With `ber`, also
 * accepts indefinite lengths (constructed, ended by 00 00), as Windows writes PKCS#12.
 */
export function readDerAt(buf: Buffer, offset: number, ber = false): { node: DerNode; end: number } {
  if (offset + 2 > buf.length) throw new Error(`DER: truncated element at offset ${offset}`);
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error(`DER: high tag numbers are not supported (offset ${offset})`);
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  let length = buf[pos++];
  let contentEnd: number;
  let end: number;
  if (length === 0x80) {
    if (!ber) throw new Error(`DER: indefinite length is not allowed (offset ${offset})`);
    if (!constructed) throw new Error(`BER: indefinite length on a primitive element (offset ${offset})`);
    let inner = pos;
    while (!(buf[inner] === 0 && buf[inner + 1] === 0)) {
      if (inner + 2 > buf.length) throw new Error(`BER: missing end-of-contents for the element at offset ${offset}`);
      inner = readDerAt(buf, inner, true).end;
    }
    contentEnd = inner;
    end = inner + 2;
  } else {
    if (length > 0x80) {
      const count = length & 0x7f;
      if (count > 4) throw new Error(`DER: length of ${count} bytes is too large (offset ${offset})`);
      if (pos + count > buf.length) throw new Error(`DER: truncated length at offset ${offset}`);
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
    }
    contentEnd = end = pos + length;
    if (end > buf.length) throw new Error(`DER: element at offset ${offset} runs past the end of the input`);
  }
  const node: DerNode = {
    tag,
    cls: CLASSES[tag >> 6],
    constructed,
    tagNumber: tag & 0x1f,
    content: buf.subarray(pos, contentEnd),
    raw: buf.subarray(offset, end),
    ber,
  };
  return { node, end };
}

/** Reads a buffer that must hold exactly one TLV (DER, or BER when `ber` is set). */
export function readDer(buf: Buffer, ber = false): DerNode {
  const { node, end } = readDerAt(buf, 0, ber);
  if (end !== buf.length) throw new Error(`DER: ${buf.length - end} trailing bytes after the element`);
  return node;
}

/** The elements inside a constructed node (SEQUENCE, SET, explicit tag). */
export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new Error(`DER: tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  for (let pos = 0; pos < node.content.length; ) {
    const { node: child, end } = readDerAt(node.content, pos, node.ber ?? false);
    out.push(child);
    pos = end;
  }
  return out;
}

/**
 * The bytes of an OCTET STRING (or an implicitly tagged one), joining the segments of a
 * constructed (BER) encoding.
 */
export function octetStringBytes(node: DerNode): Buffer {
  if (!node.constructed) return node.content;
  return Buffer.concat(children(node).map(octetStringBytes));
}

function expectTag(node: DerNode, tag: number, what: string): void {
  if (node.tag !== tag) {
    throw new Error(`DER: expected ${what} (tag 0x${tag.toString(16)}), got tag 0x${node.tag.toString(16)}`);
  }
}

export function readInteger(node: DerNode): bigint {
  expectTag(node, TAG.integer, 'INTEGER');
  if (node.content.length === 0) throw new Error('DER: empty INTEGER');
  let n = 0n;
  for (const byte of node.content) n = (n << 8n) | BigInt(byte);
  if (node.content[0] & 0x80) n -= 1n << BigInt(node.content.length * 8);
  return n;
}

/** The unsigned big-endian magnitude of a non-negative INTEGER (leading zero dropped). */
export function readUnsignedIntegerBytes(node: DerNode): Buffer {
  expectTag(node, TAG.integer, 'INTEGER');
  if (node.content.length > 1 && node.content[0] === 0) return Buffer.from(node.content.subarray(1));
  return Buffer.from(node.content);
}

export function readBoolean(node: DerNode): boolean {
  expectTag(node, TAG.boolean, 'BOOLEAN');
  return node.content.length === 1 && node.content[0] !== 0;
}

export function readOid(node: DerNode): string {
  expectTag(node, TAG.oid, 'OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of node.content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0) throw new Error('DER: empty OBJECT IDENTIFIER');
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

export function readBitString(node: DerNode): { unusedBits: number; bytes: Buffer } {
  expectTag(node, TAG.bitString, 'BIT STRING');
  return { unusedBits: node.content[0] ?? 0, bytes: node.content.subarray(1) };
}

/** The bit numbers set in a named-bit BIT STRING (inverse of namedBitString). */
export function readNamedBits(node: DerNode): number[] {
  const { bytes } = readBitString(node);
  const bits: number[] = [];
  for (let i = 0; i < bytes.length * 8; i++) if (bytes[Math.floor(i / 8)] & (0x80 >> (i % 8))) bits.push(i);
  return bits;
}

export function readOctetString(node: DerNode): Buffer {
  expectTag(node, TAG.octetString, 'OCTET STRING');
  return node.content;
}

/** Any of the string types found in names and SANs, decoded to a JS string. */
export function readString(node: DerNode): string {
  switch (node.tag) {
    case TAG.utf8String:
      return node.content.toString('utf8');
    case TAG.printableString:
    case TAG.ia5String:
    case TAG.t61String:
      return node.content.toString('latin1');
    case TAG.bmpString:
      return Buffer.from(node.content).swap16().toString('utf16le');
    case TAG.universalString: {
      let out = '';
      for (let i = 0; i + 4 <= node.content.length; i += 4) out += String.fromCodePoint(node.content.readUInt32BE(i));
      return out;
    }
    default:
      // Implicitly tagged IA5 strings in GeneralName (rfc822Name, dNSName) land here.
      if (node.cls === 'context' && !node.constructed) return node.content.toString('latin1');
      throw new Error(`DER: tag 0x${node.tag.toString(16)} is not a string type`);
  }
}

export function readTime(node: DerNode): Date {
  const text = node.content.toString('latin1');
  let match: RegExpMatchArray | null;
  if (node.tag === TAG.utcTime && (match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const yy = Number(match[1]);
    const year = yy < 50 ? 2000 + yy : 1900 + yy;
    return new Date(Date.UTC(year, Number(match[2]) - 1, +match[3], +match[4], +match[5], +match[6]));
  }
  if (node.tag === TAG.generalizedTime && (match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const date = new Date(0);
    date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    date.setUTCHours(Number(match[4]), Number(match[5]), Number(match[6]), 0);
    return date;
  }
  throw new Error(`DER: "${text}" is not a DER UTCTime or GeneralizedTime`);
}

// ---------------------------------------------------------------------------------------
// PEM

/** Wraps DER in PEM armour with 64-column base64 lines. */
export function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER inside the first PEM block with `label`; throws a clear error if absent. */
export function fromPem(pem: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`No "-----BEGIN ${label}-----" block found in the PEM text`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}
