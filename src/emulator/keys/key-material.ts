import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  type JsonWebKey as NodeJwk,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { badParameter } from '../errors.js';

const generateKeyPairAsync = promisify(generateKeyPair);

export const KEY_TYPES = ['RSA', 'RSA-HSM', 'EC', 'EC-HSM', 'oct', 'oct-HSM'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'] as const;
export type CurveName = (typeof CURVES)[number];

export const KEY_OPERATIONS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import', 'export'] as const;
export type KeyOperation = (typeof KEY_OPERATIONS)[number];

export const RSA_KEY_SIZES = [2048, 3072, 4096] as const;
export const OCT_KEY_SIZES = [128, 192, 256] as const;

type BaseType = 'RSA' | 'EC' | 'oct';

/**
 * Private key material in JWK form (base64url fields, Key Vault curve names). Plain JSON on
 * purpose: the object store keeps it, backups serialize it, and the crypto functions turn it
 * into node KeyObjects when needed. It never leaves the emulator: responses use publicJwk().
 */
export interface PrivateJwk {
  kty: BaseType;
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  crv?: CurveName;
  x?: string;
  y?: string;
  k?: string;
}

export interface KeyMaterial {
  /** Whether the key claims HSM protection (`RSA-HSM`, `EC-HSM`, `oct-HSM`). */
  hsm: boolean;
  jwk: PrivateJwk;
}

/** The `key` object of a KeyBundle: public parts only. */
export interface PublicJwk {
  kid: string;
  kty: KeyType;
  key_ops: KeyOperation[];
  n?: string;
  e?: string;
  crv?: CurveName;
  x?: string;
  y?: string;
}

export interface GenerateRequest {
  kty: unknown;
  keySize?: unknown;
  publicExponent?: unknown;
  curve?: unknown;
}

/** node's names for the curves, and back. */
export const NODE_CURVE: Record<CurveName, string> = {
  'P-256': 'P-256',
  'P-384': 'P-384',
  'P-521': 'P-521',
  'P-256K': 'secp256k1',
};
const NODE_CURVE_ALIASES: Record<CurveName, string> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
  'P-256K': 'secp256k1',
};

/** Coordinate / private scalar length in bytes per curve. */
export const CURVE_BYTES: Record<CurveName, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, 'P-256K': 32 };

const ALLOWED_OPS: Record<BaseType, readonly KeyOperation[]> = {
  RSA: ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import', 'export'],
  EC: ['sign', 'verify', 'import', 'export'],
  oct: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'import', 'export'],
};

/** What the service gives a new key when the request names no key_ops. */
const DEFAULT_OPS: Record<BaseType, readonly KeyOperation[]> = {
  RSA: ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
  EC: ['sign', 'verify'],
  oct: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
};

export function quoteList(values: readonly (string | number)[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

export function parseKeyType(value: unknown): KeyType {
  if (typeof value !== 'string' || !(KEY_TYPES as readonly string[]).includes(value)) {
    throw badParameter(`Unsupported key type ${describe(value)}. Supported values are ${quoteList(KEY_TYPES)}.`);
  }
  return value as KeyType;
}

export function baseType(kty: KeyType): BaseType {
  return kty.replace(/-HSM$/, '') as BaseType;
}

/** The `kty` the service reports for this material. */
export function keyTypeOf(material: KeyMaterial): KeyType {
  return `${material.jwk.kty}${material.hsm ? '-HSM' : ''}` as KeyType;
}

export function defaultKeyOps(material: KeyMaterial): KeyOperation[] {
  return [...DEFAULT_OPS[material.jwk.kty]];
}

/**
 * Checks key_ops from a create, import or update request against what the key type can do,
 * with the service's wording. Duplicates are dropped.
 */
export function parseKeyOps(value: unknown, material: KeyMaterial): KeyOperation[] {
  if (!Array.isArray(value) || value.some((op) => typeof op !== 'string')) {
    throw badParameter(`'key_ops' must be an array of strings; supported values are ${quoteList(ALLOWED_OPS[material.jwk.kty])}.`);
  }
  const allowed = ALLOWED_OPS[material.jwk.kty];
  const unsupported = (value as string[]).filter((op) => !(allowed as readonly string[]).includes(op));
  if (unsupported.length > 0) {
    throw badParameter(`Unsupported key operation(s): ${quoteList(unsupported)}. Supported values are ${quoteList(allowed)}.`);
  }
  return [...new Set(value as KeyOperation[])];
}

/** Creates new key material as POST /keys/{name}/create asks. Async: RSA 4096 takes ~1 s. */
export async function generateKeyMaterial(request: GenerateRequest): Promise<KeyMaterial> {
  const kty = parseKeyType(request.kty);
  const hsm = kty.endsWith('-HSM');
  switch (baseType(kty)) {
    case 'RSA': {
      const size = request.keySize ?? 2048;
      if (!(RSA_KEY_SIZES as readonly unknown[]).includes(size)) {
        throw badParameter(`Unsupported RSA key size ${describe(size)}. Supported values are ${RSA_KEY_SIZES.join(', ')}.`);
      }
      const exponent = request.publicExponent ?? 65537;
      if (exponent !== 65537 && exponent !== 3) {
        throw badParameter(`Unsupported RSA public exponent ${describe(exponent)}. Supported values are 3, 65537.`);
      }
      const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: size as number, publicExponent: exponent });
      return { hsm, jwk: rsaJwkFromKeyObject(privateKey) };
    }
    case 'EC': {
      const curve = parseCurve(request.curve ?? 'P-256');
      const { privateKey } = await generateKeyPairAsync('ec', { namedCurve: NODE_CURVE_ALIASES[curve] });
      return { hsm, jwk: ecJwkFromKeyObject(privateKey, curve) };
    }
    case 'oct': {
      const size = request.keySize ?? 256;
      if (!(OCT_KEY_SIZES as readonly unknown[]).includes(size)) {
        throw badParameter(`Unsupported oct key size ${describe(size)}. Supported values are ${OCT_KEY_SIZES.join(', ')}.`);
      }
      return { hsm, jwk: { kty: 'oct', k: randomBytes((size as number) / 8).toString('base64url') } };
    }
  }
}

export function parseCurve(value: unknown): CurveName {
  if (typeof value !== 'string' || !(CURVES as readonly string[]).includes(value)) {
    throw badParameter(`Unsupported curve ${describe(value)}. Supported values are ${quoteList(CURVES)}.`);
  }
  return value as CurveName;
}

export function rsaJwkFromKeyObject(privateKey: KeyObject): PrivateJwk {
  const j = privateKey.export({ format: 'jwk' });
  return { kty: 'RSA', n: j.n, e: j.e, d: j.d, p: j.p, q: j.q, dp: j.dp, dq: j.dq, qi: j.qi };
}

/**
 * EC material from a private scalar (big-endian, curve size): the public point is derived
 * with ECDH, so x/y always match d. Throws node's error when d is 0 or not below the order.
 */
export function ecMaterialFromScalar(curve: CurveName, d: Buffer, hsm: boolean): KeyMaterial {
  const ecdh = createECDH(NODE_CURVE_ALIASES[curve]);
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const size = CURVE_BYTES[curve];
  return {
    hsm,
    jwk: {
      kty: 'EC',
      crv: curve,
      d: d.toString('base64url'),
      x: point.subarray(1, 1 + size).toString('base64url'),
      y: point.subarray(1 + size).toString('base64url'),
    },
  };
}

export function ecJwkFromKeyObject(privateKey: KeyObject, curve: CurveName): PrivateJwk {
  const j = privateKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: curve, d: j.d, x: j.x, y: j.y };
}

/** The public JWK a response carries: never d, p, q, dp, dq, qi or k. */
export function publicJwk(material: KeyMaterial, kid: string, keyOps: readonly KeyOperation[]): PublicJwk {
  const { jwk } = material;
  const out: PublicJwk = { kid, kty: keyTypeOf(material), key_ops: [...keyOps] };
  if (jwk.kty === 'RSA') {
    out.n = jwk.n;
    out.e = jwk.e;
  } else if (jwk.kty === 'EC') {
    out.crv = jwk.crv;
    out.x = jwk.x;
    out.y = jwk.y;
  }
  return out;
}

export type AsymmetricKeys = { privateKey: KeyObject; publicKey: KeyObject };

const keyObjectCache = new WeakMap<PrivateJwk, AsymmetricKeys>();

/** node KeyObjects for RSA/EC material, built once per material object. */
export function asymmetricKeys(material: KeyMaterial): AsymmetricKeys {
  const cached = keyObjectCache.get(material.jwk);
  if (cached) return cached;
  const { jwk } = material;
  if (jwk.kty === 'oct') {
    throw new Error('asymmetricKeys() called on an oct key');
  }
  const nodeJwk: NodeJwk =
    jwk.kty === 'RSA'
      ? { kty: 'RSA', n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi }
      : { kty: 'EC', crv: NODE_CURVE[jwk.crv as CurveName], d: jwk.d, x: jwk.x, y: jwk.y };
  const privateKey = createPrivateKey({ key: nodeJwk, format: 'jwk' });
  const keys = { privateKey, publicKey: createPublicKey(privateKey) };
  keyObjectCache.set(jwk, keys);
  return keys;
}

/** The raw AES key of oct material. */
export function octSecret(material: KeyMaterial): Buffer {
  if (material.jwk.kty !== 'oct' || material.jwk.k === undefined) {
    throw new Error('octSecret() called on a non-oct key');
  }
  return Buffer.from(material.jwk.k, 'base64url');
}

/** Key size in bits: RSA modulus, EC field, or AES key length. */
export function keySizeBits(material: KeyMaterial): number {
  const { jwk } = material;
  if (jwk.kty === 'oct') return octSecret(material).length * 8;
  if (jwk.kty === 'EC') return { 'P-256': 256, 'P-384': 384, 'P-521': 521, 'P-256K': 256 }[jwk.crv as CurveName];
  return Buffer.from(jwk.n ?? '', 'base64url').length * 8;
}

/** A request value shown in an error message: JSON-escaped (no control characters) and short. */
export function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
