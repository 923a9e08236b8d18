// "Who am I" from an access token's claims, for the title bar. The token is only decoded
// (its signature is the service's business); it is never logged or kept.
import type { IdentityInfo } from '../store/types.js';

export interface AccessTokenClaims {
  upn?: string;
  unique_name?: string;
  preferred_username?: string;
  name?: string;
  appid?: string;
  azp?: string;
  oid?: string;
  tid?: string;
  xms_mirid?: string;
  idtyp?: string;
}

/** The JWT's payload, or undefined when the token is not a JWT with a JSON payload. */
export function decodeTokenClaims(token: string): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    const out: AccessTokenClaims = {};
    const record = payload as Record<string, unknown>;
    for (const field of ['upn', 'unique_name', 'preferred_username', 'name', 'appid', 'azp', 'oid', 'tid', 'xms_mirid', 'idtyp'] as const) {
      const v = record[field];
      if (typeof v === 'string' && v !== '') out[field] = v;
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * The name people recognise: a user's UPN, a managed identity's resource name (from
 * xms_mirid: `…/userAssignedIdentities/kvx-app` → "kvx-app", a VM's system identity →
 * "vm-name (system identity)"), else the app id or object id.
 */
export function identityFromClaims(claims: AccessTokenClaims, credential?: string): IdentityInfo {
  const display =
    claims.upn ?? claims.unique_name ?? claims.preferred_username ?? managedIdentityName(claims.xms_mirid) ?? appName(claims) ?? claims.oid ?? 'unknown identity';
  const info: IdentityInfo = { display };
  if (claims.tid) info.tenantId = claims.tid;
  if (claims.oid) info.objectId = claims.oid;
  if (credential) info.credential = credential;
  return info;
}

function managedIdentityName(resourceId: string | undefined): string | undefined {
  if (!resourceId) return undefined;
  const segments = resourceId.split('/').filter((s) => s !== '');
  const name = segments.at(-1);
  if (!name) return undefined;
  const type = segments.at(-2)?.toLowerCase();
  return type === 'userassignedidentities' ? name : `${name} (system identity)`;
}

function appName(claims: AccessTokenClaims): string | undefined {
  const id = claims.appid ?? claims.azp;
  if (!id) return undefined;
  return claims.name ? claims.name : `app ${id}`;
}

/** IdentityInfo for a token, or undefined when it carries no readable claims. */
export function identityFromToken(token: string, credential?: string): IdentityInfo | undefined {
  const claims = decodeTokenClaims(token);
  return claims ? identityFromClaims(claims, credential) : undefined;
}
