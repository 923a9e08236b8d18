// A DER reader (with BER indefinite lengths on request): enough to parse back
// certificates, CSRs and PKCS#12 files.

import { TAG } from './der-tags.js';

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

