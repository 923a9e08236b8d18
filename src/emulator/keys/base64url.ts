import { badParameter } from '../errors.js';

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** base64url without padding, as Key Vault sends every binary field. */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes a base64url request field. Also accepts standard base64 (`+`, `/`, padding),
 * because the service does and some clients send it; anything else is a 400 naming the field.
 */
export function fromBase64Url(value: unknown, field: string): Buffer {
  if (typeof value !== 'string') {
    throw badParameter(`'${field}' is required and must be a base64url string.`);
  }
  const normalized = value.replace(/\+/g, '-').replace(/\//g, '_');
  if (!BASE64URL.test(normalized)) {
    throw badParameter(`'${field}' is not valid base64url (allowed: A-Z a-z 0-9 - _).`);
  }
  return Buffer.from(normalized.replace(/=+$/, ''), 'base64url');
}
