// Key material from the `key` of PUT /keys/{name} (import): the private parts are required,
// checked for consistency, and stored in node's canonical encoding.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { badParameter } from '../errors.js';
import { fromBase64Url } from './base64url.js';
import type { KeyMaterial, PrivateJwk } from './key-material.js';
import {
  baseType,
  CURVE_BYTES,
  ecMaterialFromScalar,
  NODE_CURVE,
  OCT_KEY_SIZES,
  parseCurve,
  parseKeyType,
  RSA_KEY_SIZES,
  rsaJwkFromKeyObject,
} from './key-material.js';

const RSA_PRIVATE_FIELDS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;

export function importKeyMaterial(jwk: unknown, hsmFlag: unknown): KeyMaterial {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw badParameter("'key' must be a JSON Web Key object.");
  }
  const fields = jwk as Record<string, unknown>;
  const kty = parseKeyType(fields.kty);
  if (fields.key_hsm !== undefined || fields.t !== undefined) {
    throw badParameter("Bring-your-own-key blobs ('key_hsm') are not supported by this emulator; import the plain private JWK instead.");
  }
  if (hsmFlag !== undefined && typeof hsmFlag !== 'boolean') {
    throw badParameter("'Hsm' must be true or false.");
  }
  const hsm = kty.endsWith('-HSM') || hsmFlag === true;
  switch (baseType(kty)) {
    case 'RSA':
      return { hsm, jwk: importRsa(fields) };
    case 'EC':
      return importEc(fields, hsm);
    case 'oct': {
      const k = fromBase64Url(requireField(fields, 'k', 'an oct key'), 'key.k');
      if (!(OCT_KEY_SIZES as readonly number[]).includes(k.length * 8)) {
        throw badParameter(`Unsupported oct key size ${k.length * 8} bits. Supported values are ${OCT_KEY_SIZES.join(', ')}.`);
      }
      return { hsm, jwk: { kty: 'oct', k: k.toString('base64url') } };
    }
  }
}

function importRsa(fields: Record<string, unknown>): PrivateJwk {
  const missing = RSA_PRIVATE_FIELDS.filter((f) => fields[f] === undefined);
  if (missing.length > 0) {
    throw badParameter(`An RSA key to import needs its private parts; missing: ${missing.join(', ')}.`);
  }
  const parts = Object.fromEntries(
    RSA_PRIVATE_FIELDS.map((f) => [f, fromBase64Url(fields[f], `key.${f}`).toString('base64url')]),
  ) as Record<(typeof RSA_PRIVATE_FIELDS)[number], string>;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: { kty: 'RSA', ...parts }, format: 'jwk' });
  } catch {
    throw badParameter('The RSA key to import is not a valid private key.');
  }
  const size = key.asymmetricKeyDetails?.modulusLength;
  if (!(RSA_KEY_SIZES as readonly (number | undefined)[]).includes(size)) {
    throw badParameter(`Unsupported RSA key size ${size ?? 'unknown'}. Supported values are ${RSA_KEY_SIZES.join(', ')}.`);
  }
  // OpenSSL does not check that n = p·q when it loads a JWK; a mismatch would give wrong results later.
  const big = (s: string) => BigInt(`0x${Buffer.from(s, 'base64url').toString('hex') || '0'}`);
  if (big(parts.p) * big(parts.q) !== big(parts.n)) {
    throw badParameter('The RSA key to import is inconsistent: n is not p·q.');
  }
  return rsaJwkFromKeyObject(key);
}

function importEc(fields: Record<string, unknown>, hsm: boolean): KeyMaterial {
  const curve = parseCurve(fields.crv);
  const size = CURVE_BYTES[curve];
  const read = (name: 'd' | 'x' | 'y') => {
    const bytes = fromBase64Url(requireField(fields, name, 'an EC key'), `key.${name}`);
    if (bytes.length !== size) {
      throw badParameter(`'key.${name}' must be ${size} bytes for curve ${curve}; got ${bytes.length}.`);
    }
    return bytes;
  };
  const d = read('d');
  const x = read('x').toString('base64url');
  const y = read('y').toString('base64url');
  let material: KeyMaterial;
  try {
    createPrivateKey({ key: { kty: 'EC', crv: NODE_CURVE[curve], d: d.toString('base64url'), x, y }, format: 'jwk' });
    material = ecMaterialFromScalar(curve, d, hsm);
  } catch {
    throw badParameter(`The EC key to import is not a valid private key on ${curve}.`);
  }
  // node keeps whatever x/y it is given; the point derived from d must match them.
  if (material.jwk.x !== x || material.jwk.y !== y) {
    throw badParameter("The EC key to import is inconsistent: 'x'/'y' are not the public point of 'd'.");
  }
  return material;
}

function requireField(fields: Record<string, unknown>, name: string, what: string): unknown {
  if (fields[name] === undefined) {
    throw badParameter(`'key.${name}' is required for ${what}.`);
  }
  return fields[name];
}
