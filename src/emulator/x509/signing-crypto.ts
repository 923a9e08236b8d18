// The WebCrypto that @peculiar/x509 builds certificates and CSRs with: node's webcrypto for
// everything (digests for key identifiers, key export), except keys made by signingKeys().
// Those sign RSA PKCS#1 v1.5 through node:crypto (deterministic, as WebCrypto's is) and ECDSA
// through @noble/curves with RFC 6979 nonces: WebCrypto's ECDSA is randomised (the demo's
// bytes must depend only on the seed) and has no secp256k1, which Key Vault certificates use.

import type { KeyObject, webcrypto as WebCrypto } from 'node:crypto';
import { createHash, createPublicKey, sign, webcrypto } from 'node:crypto';
import { ecdsaSignDigest } from '../keys/ecdsa.js';
import type { CurveName } from '../keys/key-material.js';

type CryptoKey = WebCrypto.CryptoKey;
type BufferSource = WebCrypto.BufferSource;

export type HashName = 'sha256' | 'sha384' | 'sha512';

const WEB_HASH: Record<HashName, string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

/** Key Vault's curves by OpenSSL name: our name, the hash that matches the size, @peculiar/x509's name. */
const CURVES: Record<string, { curve: CurveName; hash: HashName; web: string }> = {
  prime256v1: { curve: 'P-256', hash: 'sha256', web: 'P-256' },
  secp256k1: { curve: 'P-256K', hash: 'sha256', web: 'K-256' },
  secp384r1: { curve: 'P-384', hash: 'sha384', web: 'P-384' },
  secp521r1: { curve: 'P-521', hash: 'sha512', web: 'P-521' },
};

interface HeldKey {
  key: KeyObject;
  hash: HashName;
  curve?: CurveName;
}

/** The node keys behind the CryptoKey-shaped handles signingKeys() hands to @peculiar/x509. */
const held = new WeakMap<object, HeldKey>();

/** A plain object is enough: @peculiar/x509 duck-types keys and hands them only to our subtle. */
function handle(type: WebCrypto.KeyType, algorithm: WebCrypto.KeyAlgorithm, usages: WebCrypto.KeyUsage[]): CryptoKey {
  return Object.freeze({ type, algorithm, usages, extractable: false }) as CryptoKey;
}

/**
 * A key pair for @peculiar/x509's generators from a node private key; the hash follows the key
 * (SHA-256 for RSA, the curve's size for EC) unless given.
 */
export function signingKeys(privateKey: KeyObject, hash?: HashName): WebCrypto.CryptoKeyPair {
  if (privateKey.type !== 'private') throw new Error('Signing needs a private key, got a public key');
  const type = privateKey.asymmetricKeyType;
  let entry: HeldKey;
  let algorithm: WebCrypto.KeyAlgorithm & { hash: { name: string }; namedCurve?: string };
  if (type === 'rsa') {
    entry = { key: privateKey, hash: hash ?? 'sha256' };
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: { name: WEB_HASH[entry.hash] } };
  } else if (type === 'ec') {
    const namedCurve = privateKey.asymmetricKeyDetails?.namedCurve ?? '';
    const curve = CURVES[namedCurve];
    if (!curve) throw new Error(`EC curve "${namedCurve}" is not supported: use P-256, P-256K, P-384 or P-521`);
    entry = { key: privateKey, hash: hash ?? curve.hash, curve: curve.curve };
    algorithm = { name: 'ECDSA', namedCurve: curve.web, hash: { name: WEB_HASH[entry.hash] } };
  } else {
    throw new Error(`Key type "${type ?? 'unknown'}" cannot sign certificates: use an RSA or EC key`);
  }
  const pair = { privateKey: handle('private', algorithm, ['sign']), publicKey: handle('public', algorithm, ['verify']) };
  held.set(pair.privateKey, entry);
  held.set(pair.publicKey, { ...entry, key: createPublicKey(privateKey) });
  return pair;
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function bytesOf(data: BufferSource): Uint8Array {
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

async function signHeld(entry: HeldKey, data: BufferSource): Promise<ArrayBuffer> {
  const bytes = bytesOf(data);
  if (!entry.curve) return arrayBuffer(sign(entry.hash, bytes, entry.key));
  const d = Buffer.from(String(entry.key.export({ format: 'jwk' }).d), 'base64url');
  return arrayBuffer(ecdsaSignDigest(entry.curve, d, createHash(entry.hash).update(bytes).digest()));
}

const subtle = webcrypto.subtle;

/** node's SubtleCrypto with sign and exportKey taught the handles above. */
const signingSubtle = new Proxy(subtle, {
  get(target, property) {
    if (property === 'sign') {
      return (algorithm: WebCrypto.AlgorithmIdentifier, key: CryptoKey, data: BufferSource) => {
        const entry = held.get(key);
        return entry ? signHeld(entry, data) : target.sign(algorithm, key, data);
      };
    }
    if (property === 'exportKey') {
      return (format: WebCrypto.KeyFormat, key: CryptoKey) => {
        const entry = held.get(key);
        if (entry && format === 'spki' && key.type === 'public') {
          return Promise.resolve(arrayBuffer(entry.key.export({ type: 'spki', format: 'der' })));
        }
        return (target.exportKey as (f: WebCrypto.KeyFormat, k: CryptoKey) => Promise<unknown>)(format, key);
      };
    }
    const value: unknown = Reflect.get(target, property, target);
    // SubtleCrypto's methods check their receiver: call them on node's own object.
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

/** The Crypto object given to x509.cryptoProvider. */
export const signingCrypto: WebCrypto.Crypto = {
  subtle: signingSubtle,
  getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
  randomUUID: webcrypto.randomUUID.bind(webcrypto),
};
