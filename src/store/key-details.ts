// A key's public facts: type, size or curve, permitted operations, and its public key as a
// SubjectPublicKeyInfo PEM rebuilt from the JWK (what people paste into other tools).
import { createPublicKey } from 'node:crypto';
import type { JsonWebKey as KeyVaultJwk, KeyVaultKey } from '@azure/keyvault-keys';
import type { KeyDetails } from './types.js';

/** Key Vault curve names → the JWK names node:crypto knows. */
const CURVES: Record<string, string> = { 'P-256': 'P-256', 'P-384': 'P-384', 'P-521': 'P-521', 'P-256K': 'secp256k1' };

function b64url(bytes: Uint8Array | undefined): string | undefined {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString('base64url') : undefined;
}

/** PEM of the public key, or undefined for symmetric keys and JWKs node cannot read. */
export function publicKeyPem(jwk: KeyVaultJwk | undefined): string | undefined {
  if (!jwk?.kty) return undefined;
  const kty = jwk.kty.replace(/-HSM$/, '');
  try {
    if (kty === 'RSA') {
      const n = b64url(jwk.n);
      const e = b64url(jwk.e);
      if (!n || !e) return undefined;
      return createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    }
    if (kty === 'EC') {
      const x = b64url(jwk.x);
      const y = b64url(jwk.y);
      const crv = jwk.crv ? CURVES[jwk.crv] : undefined;
      if (!x || !y || !crv) return undefined;
      return createPublicKey({ key: { kty: 'EC', crv, x, y }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    }
  } catch {
    // A JWK the service sent but node cannot import: show the other facts without a PEM.
    return undefined;
  }
  return undefined;
}

export function keyDetails(key: Pick<KeyVaultKey, 'key' | 'keyType' | 'keyOperations'>): KeyDetails {
  const jwk = key.key;
  const out: KeyDetails = { keyType: key.keyType ?? jwk?.kty ?? 'unknown', keyOps: [...(key.keyOperations ?? jwk?.keyOps ?? [])] };
  if (jwk?.n && jwk.n.length > 0) {
    // Leading zero bytes do not count towards the modulus size.
    let bytes = jwk.n.length;
    for (const b of jwk.n) {
      if (b !== 0) break;
      bytes--;
    }
    out.keySize = bytes * 8;
  }
  if (jwk?.crv) out.curve = jwk.crv;
  const pem = publicKeyPem(jwk);
  if (pem) out.publicKeyPem = pem;
  return out;
}
