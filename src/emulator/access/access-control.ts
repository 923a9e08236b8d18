// Who is calling and may they: strict mode accepts only tokens the emulator's identity
// server minted for Key Vault (else 401, worded like the service's AKV100xx errors), then
// checks the vault's access policy for the route's permission (else 403 worded exactly like
// the service, so one parser reads the permission and the caller from real and emulated
// 403s). Without strict mode any bearer token passes and nothing is checked.
import { decodeJwtClaims } from '../identity/index.js';
import type { TokenClaims } from '../identity/index.js';
import { ServiceError } from '../errors.js';
import type { AccessPolicyStore } from './access-policies.js';

export const VAULT_AUDIENCE = 'https://vault.azure.net';
const HELP_LINK = 'https://go.microsoft.com/fwlink/?linkid=2125287';

export interface Caller {
  tenantId: string;
  objectId: string;
  appId: string;
  issuer: string;
}

export interface AccessControlOptions {
  strict: boolean;
  /** The identity server's verifier: claims of a valid token it minted (for the audience), else null. */
  verifyToken(token: string, audience?: string): Promise<TokenClaims | null>;
  /** `iss` of the emulator's tokens: https://sts.windows.net/{tenant}/. */
  issuer: string;
  policies: AccessPolicyStore;
  /** Shown in 403 messages like the service's `'NAME;location=westeurope'`. */
  location: string;
}

export type Authentication = { ok: true; caller?: Caller } | { ok: false; error: ServiceError };

export class AccessControl {
  readonly strict: boolean;
  readonly policies: AccessPolicyStore;
  private readonly options: AccessControlOptions;

  constructor(options: AccessControlOptions) {
    this.options = options;
    this.strict = options.strict;
    this.policies = options.policies;
  }

  /** The caller of a bearer token, or in strict mode the 401 for a token the emulator did not mint for Key Vault. */
  async authenticate(token: string): Promise<Authentication> {
    if (!this.strict) {
      // Unverified, only to name the caller in injected 403s.
      const claims = decodeJwtClaims(token);
      const caller = claims ? callerOf(claims) : undefined;
      return caller ? { ok: true, caller } : { ok: true };
    }
    const claims = await this.options.verifyToken(token, VAULT_AUDIENCE);
    if (claims) return { ok: true, caller: callerOf(claims as unknown as Record<string, unknown>) as Caller };
    return { ok: false, error: new ServiceError(401, 'Unauthorized', await this.rejection(token)) };
  }

  /** Null when allowed; else the service's 403 naming the missing permission and the caller. */
  authorize(vault: string, caller: Caller | undefined, permission: string): ServiceError | null {
    if (!this.strict) return null;
    if (caller && this.policies.allows(vault, caller, permission)) return null;
    // The service's inner code for an access-policy denial (RBAC denials say ForbiddenByRbac).
    return new ServiceError(403, 'Forbidden', forbiddenMessage(caller, permission, vault, this.options.location), 'ForbiddenByPolicy');
  }

  /** Why a token is refused, without ever echoing the token. */
  private async rejection(token: string): Promise<string> {
    const claims = decodeJwtClaims(token);
    if (!claims) return 'AKV10000: The bearer token is not a JWT: strict mode accepts only tokens from the emulator\'s identity endpoints.';
    const iss = typeof claims.iss === 'string' ? claims.iss.slice(0, 100) : '(none)';
    if (iss !== this.options.issuer) return `AKV10032: Invalid issuer. Expected one of ${this.options.issuer}, found ${iss}.`;
    const aud = typeof claims.aud === 'string' ? claims.aud.slice(0, 100) : '(none)';
    if ((await this.options.verifyToken(token)) && aud.replace(/\/$/, '') !== VAULT_AUDIENCE) {
      return `AKV10022: Invalid audience. Expected ${VAULT_AUDIENCE}, found: ${aud}.`;
    }
    return 'AKV10000: The bearer token is expired, or its signature does not verify with the emulator\'s signing key.';
  }
}

function callerOf(claims: Record<string, unknown>): Caller | undefined {
  const { oid, tid, appid, iss } = claims;
  if (typeof oid !== 'string' || typeof tid !== 'string') return undefined;
  return { objectId: oid, tenantId: tid, appId: typeof appid === 'string' ? appid : '', issuer: typeof iss === 'string' ? iss : '' };
}

/**
 * The service's access-policy denial, e.g. "The user, group or application
 * 'appid=…;oid=…;iss=https://sts.windows.net/…/' does not have secrets list permission on key
 * vault 'NAME;location=westeurope'. For help resolving this issue, please see …".
 */
export function forbiddenMessage(caller: Caller | undefined, permission: string, vault: string, location: string): string {
  const [collection, operation] = permission.split('/');
  const who = caller ? `appid=${caller.appId};oid=${caller.objectId};iss=${caller.issuer}` : 'appid=unknown;oid=unknown';
  return (
    // The service names the vault as its DNS label: lower case.
    `The user, group or application '${who}' does not have ${collection} ${operation ?? 'any'} permission on key vault ` +
    `'${vault.toLowerCase()};location=${location}'. For help resolving this issue, please see ${HELP_LINK}`
  );
}
