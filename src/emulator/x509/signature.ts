// Signature algorithms for certificates and CSRs, chosen by the signing key: RSA signs with
// sha256WithRSAEncryption (or 384/512 if asked), EC keys with ECDSA and the hash that
// matches the curve (P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512).

import type { KeyObject } from 'node:crypto';
import { sign, verify } from 'node:crypto';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

export type HashName = 'sha256' | 'sha384' | 'sha512';

const RSA_OIDS: Record<HashName, string> = {
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};

const ECDSA_OIDS: Record<HashName, string> = {
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};

const CURVE_HASH: Record<string, HashName> = {
  prime256v1: 'sha256',
  secp256k1: 'sha256',
  secp384r1: 'sha384',
  secp521r1: 'sha512',
};

export interface SignatureAlgorithm {
  keyType: 'rsa' | 'ec';
  hash: HashName;
  identifier: AlgorithmIdentifier;
}

/** Picks the signature algorithm for a private (or public) key. */
export function signatureAlgorithmFor(key: KeyObject, hash?: HashName): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const chosen = hash ?? 'sha256';
    // RSA AlgorithmIdentifiers carry explicit NULL parameters (RFC 4055).
    return { keyType: 'rsa', hash: chosen, identifier: new AlgorithmIdentifier({ algorithm: RSA_OIDS[chosen], parameters: null }) };
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
    const chosen = hash ?? CURVE_HASH[curve];
    if (!chosen) throw new Error(`EC curve "${curve}" is not supported: use P-256, P-256K, P-384 or P-521`);
    // ECDSA AlgorithmIdentifiers have no parameters (RFC 5758).
    return { keyType: 'ec', hash: chosen, identifier: new AlgorithmIdentifier({ algorithm: ECDSA_OIDS[chosen] }) };
  }
  throw new Error(`Key type "${type ?? 'unknown'}" cannot sign certificates: use an RSA or EC key`);
}

/** Signs `data` with `key`; ECDSA signatures come out DER-encoded as X.509 expects. */
export function signWith(key: KeyObject, algorithm: SignatureAlgorithm, data: Uint8Array): Buffer {
  if (key.type !== 'private') throw new Error('Signing needs a private key, got a public key');
  return sign(algorithm.hash, data, { key, dsaEncoding: 'der' });
}

/** The hash an AlgorithmIdentifier names (RSA or ECDSA only). */
export function hashOfAlgorithm(algorithm: AlgorithmIdentifier): HashName {
  const id = algorithm.algorithm;
  for (const table of [RSA_OIDS, ECDSA_OIDS]) {
    for (const [hash, value] of Object.entries(table)) if (value === id) return hash as HashName;
  }
  throw new Error(`Unsupported signature algorithm ${id}: expected RSA or ECDSA with SHA-256/384/512`);
}

export function verifyWith(key: KeyObject, hash: HashName, data: Uint8Array, signature: Uint8Array): boolean {
  return verify(hash, data, { key, dsaEncoding: 'der' }, signature);
}
