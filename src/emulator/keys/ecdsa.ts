import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { CurveName } from './key-material.js';

/*
 * ECDSA over a digest the client already computed. Key Vault's sign/verify take a digest and
 * node:crypto can only sign messages (it hashes them itself), so the curve arithmetic comes
 * from @noble/curves (audited, constant-time), with `prehash: false`. Signatures are
 * deterministic (RFC 6979) and low-S; verification also accepts high-S signatures, which
 * other implementations (OpenSSL, the service) produce.
 */

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521, 'P-256K': secp256k1 } as const satisfies Record<CurveName, unknown>;

const BYTES: Record<CurveName, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, 'P-256K': 32 };

/** Signs a digest; the signature is r‖s, each padded to the curve size (JWS / IEEE P1363). */
export function ecdsaSignDigest(curve: CurveName, d: Uint8Array, digest: Uint8Array): Buffer {
  return Buffer.from(CURVES[curve].sign(digest, d, { prehash: false }));
}

/** Verifies an r‖s signature over a digest with the public point (x, y). */
export function ecdsaVerifyDigest(curve: CurveName, x: Uint8Array, y: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  const size = BYTES[curve];
  if (signature.length !== 2 * size || x.length > size || y.length > size) return false;
  const pad = (coordinate: Uint8Array) => Buffer.concat([Buffer.alloc(size - coordinate.length), coordinate]);
  const point = Buffer.concat([Buffer.from([0x04]), pad(x), pad(y)]);
  try {
    return CURVES[curve].verify(signature, digest, point, { prehash: false, lowS: false });
  } catch {
    // A point off the curve or a malformed signature is a failed verification, not an error.
    return false;
  }
}
