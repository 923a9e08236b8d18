// Access tokens as Entra ID issues them for managed identities: RS256 JWTs (v1.0 claims)
// signed by a key generated at start. verifyToken lets the emulator's vaults (strict mode)
// check that a bearer token is one it issued and still valid. Signing, verifying and the
// time checks are jose's; what is ours is the claims and a strict look at the compact form.

import type { KeyObject } from 'node:crypto';
import { createHash, generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
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
  mintToken(identity: Identity, resource: string, options?: MintOptions): Promise<MintedToken>;
  /** The claims of a token this issuer signed that is valid now (and for `audience`, if given); else null. */
  verifyToken(token: string, audience?: string): Promise<TokenClaims | null>;
}

/** Default lifetime: managed identity tokens live about a day. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clock skew tolerated for nbf/exp. */
const SKEW_SECONDS = 300;

const generateKeyPairAsync = promisify(generateKeyPair);

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * base64url as JWS writes it (RFC 7515 §2): only A-Z a-z 0-9 - _, no padding, and canonical.
 * Hand-written because jose decodes leniently on Node 24 (atob: padding and non-canonical
 * final characters pass), so a token with `=` appended, or a twin of its signature, would verify.
 */
export function decodeBase64UrlStrict(segment: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return null;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : null;
}

/** A compact JWS of three strictly base64url segments (checked before jose sees it). */
function isStrictCompact(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => part !== '' && decodeBase64UrlStrict(part) !== null);
}

/** Decodes a JWT's claims without checking the signature (for display, never for trust). */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  if (!isStrictCompact(token)) return null;
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

export async function createTokenIssuer(tenantId: string): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return tokenIssuerWithKey(tenantId, privateKey, publicKey);
}

export function tokenIssuerWithKey(tenantId: string, privateKey: KeyObject, publicKey: KeyObject): TokenIssuer {
  const issuer = `https://sts.windows.net/${tenantId}/`;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const kid = base64url(createHash('sha1').update(spki).digest());

  return {
    tenantId,
    issuer,
    async mintToken(identity, resource, options = {}) {
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
      const token = await new SignJWT({ ...claims }).setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: kid, kid }).sign(privateKey);
      return { token, claims, expiresOn: claims.exp };
    },
    async verifyToken(token, audience) {
      if (!isStrictCompact(token)) return null;
      try {
        const { payload, protectedHeader } = await jwtVerify<Partial<TokenClaims>>(token, publicKey, {
          algorithms: ['RS256'],
          issuer,
          requiredClaims: ['exp', 'nbf'],
          clockTolerance: SKEW_SECONDS,
        });
        if (protectedHeader.kid !== kid || payload.tid !== tenantId) return null;
        if (audience !== undefined && !audienceMatches(payload.aud, audience)) return null;
        return payload as TokenClaims;
      } catch {
        // Bad signature, expired, not yet valid, wrong issuer or algorithm: not a token of ours.
        return null;
      }
    },
  };
}

/** Audiences match ignoring one trailing slash (https://vault.azure.net vs https://vault.azure.net/). */
function audienceMatches(actual: unknown, expected: string): boolean {
  const strip = (s: string): string => s.replace(/\/$/, '').toLowerCase();
  return typeof actual === 'string' && strip(actual) === strip(expected);
}
