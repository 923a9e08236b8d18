// Access tokens as Entra ID issues them for managed identities: RS256 JWTs (v1.0 claims)
// signed by a key generated at start. verifyToken lets the emulator's vaults (strict mode)
// check that a bearer token is one it issued and still valid.
//
// Not `jose`: its sign/verify are asynchronous (WebCrypto), while minting and checking here
// are synchronous in the token endpoints, the vaults' auth step, ARM and the tests; and its
// base64url decoding is lenient on Node 24 (atob: padding and non-canonical final characters
// pass), which is the forgery this file must refuse. RS256 itself is node:crypto's.

import type { KeyObject } from 'node:crypto';
import { createHash, generateKeyPair, randomUUID, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import type { Identity } from './registry.js';

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  sub: string;
  appid: string;
  appidacr: string;
  idtyp: 'app' | 'user';
  ver: '1.0';
  uti: string;
  /** Managed identities: ARM resource id of the identity (or of the VM for system-assigned). */
  xms_mirid?: string;
  /** Users only. */
  upn?: string;
  unique_name?: string;
  name?: string;
  scp?: string;
}

export interface MintedToken {
  token: string;
  claims: TokenClaims;
  /** Expiry, epoch seconds. */
  expiresOn: number;
}

export interface MintOptions {
  /** Default DEFAULT_TOKEN_LIFETIME_SECONDS. */
  lifetimeSeconds?: number;
  /** Epoch seconds the token claims it was issued at (default now): lets tests make expired tokens. */
  issuedAt?: number;
}

export interface TokenIssuer {
  tenantId: string;
  /** `iss` of every token: https://sts.windows.net/{tenant}/ as in v1.0 tokens. */
  issuer: string;
  mintToken(identity: Identity, resource: string, options?: MintOptions): MintedToken;
  /** The claims of a token this issuer signed that is valid now (and for `audience`, if given); else null. */
  verifyToken(token: string, audience?: string): TokenClaims | null;
}

/** Default lifetime: managed identity tokens live about a day. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clock skew tolerated for nbf/exp. */
const SKEW_SECONDS = 300;

const generateKeyPairAsync = promisify(generateKeyPair);

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * base64url as JWS writes it (RFC 7515 §2): only A-Z a-z 0-9 - _, no padding, and canonical.
 * Buffer.from(…, 'base64url') skips characters it does not know, so a token with `!` or `=`
 * appended to its signature would otherwise still verify.
 */
export function decodeBase64UrlStrict(segment: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return null;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : null;
}

function parseSegment(segment: string): Record<string, unknown> | null {
  const bytes = decodeBase64UrlStrict(segment);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Decodes a JWT's claims without checking the signature (for display, never for trust). */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  return parts.length === 3 ? parseSegment(parts[1]) : null;
}

export async function createTokenIssuer(tenantId: string): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return tokenIssuerWithKey(tenantId, privateKey, publicKey);
}

export function tokenIssuerWithKey(tenantId: string, privateKey: KeyObject, publicKey: KeyObject): TokenIssuer {
  const issuer = `https://sts.windows.net/${tenantId}/`;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const kid = base64url(createHash('sha1').update(spki).digest());
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: kid, kid }));

  return {
    tenantId,
    issuer,
    mintToken(identity, resource, options = {}) {
      const lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
      if (!resource) throw new Error('A token needs a resource (audience), e.g. https://vault.azure.net');
      if (!(lifetimeSeconds > 0)) throw new Error(`Token lifetime must be positive seconds, got ${lifetimeSeconds}`);
      const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
      const claims: TokenClaims = {
        aud: resource,
        iss: issuer,
        iat: now,
        nbf: now,
        exp: now + Math.floor(lifetimeSeconds),
        tid: tenantId,
        oid: identity.objectId,
        sub: identity.objectId,
        appid: identity.clientId,
        // 2 = authenticated with a certificate or managed credential, 0 = public client (user).
        appidacr: identity.kind === 'user' ? '0' : '2',
        idtyp: identity.kind === 'user' ? 'user' : 'app',
        ver: '1.0',
        uti: base64url(randomUUID()).slice(0, 22),
      };
      if (identity.resourceId) claims.xms_mirid = identity.resourceId;
      if (identity.upn) {
        claims.upn = identity.upn;
        claims.unique_name = identity.upn;
        claims.name = identity.displayName;
        claims.scp = 'user_impersonation';
      }
      const body = `${header}.${base64url(JSON.stringify(claims))}`;
      const signature = base64url(sign('sha256', Buffer.from(body), privateKey));
      return { token: `${body}.${signature}`, claims, expiresOn: claims.exp };
    },
    verifyToken(token, audience) {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const head = parseSegment(parts[0]);
      if (!head || head.alg !== 'RS256' || head.kid !== kid) return null;
      const signature = decodeBase64UrlStrict(parts[2]);
      if (!signature) return null;
      const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, signature);
      if (!ok) return null;
      const claims = parseSegment(parts[1]) as TokenClaims | null;
      if (!claims || claims.iss !== issuer || claims.tid !== tenantId) return null;
      const now = Math.floor(Date.now() / 1000);
      if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS <= now) return null;
      if (typeof claims.nbf !== 'number' || claims.nbf - SKEW_SECONDS > now) return null;
      if (audience !== undefined && !audienceMatches(claims.aud, audience)) return null;
      return claims;
    },
  };
}

/** Audiences match ignoring one trailing slash (https://vault.azure.net vs https://vault.azure.net/). */
function audienceMatches(actual: string, expected: string): boolean {
  const strip = (s: string): string => s.replace(/\/$/, '').toLowerCase();
  return strip(actual) === strip(expected);
}
