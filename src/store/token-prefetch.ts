// A vault client's first request goes without a token: the service answers 401 naming the
// resource (and tenant) to sign in for, the client asks the credential, then sends the
// request again — a round trip and a sign-in one after the other before the first page. Which
// resource a vault will name follows from its host, so the token can be asked for beside that
// first request. The client's own getToken then takes the prefetched token when it asks for
// the same scope (with CAE, no claims) and, when it names a tenant, the token is from that
// tenant (its tid claim); anything else goes to the credential as before. A token is only ever
// sent where the client would have sent it: after the vault's challenge named its scope.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { decodeTokenClaims } from '../auth/token-identity.js';
import { CLOUDS } from '../config/clouds.js';
import { isLoopbackHost } from '../config/vault-address.js';

export interface PrefetchingCredential extends TokenCredential {
  /** Starts getting a token for `scope` now; once per scope for the store's life. */
  prefetch(scope: string): void;
}

/** The scope a vault's challenge will name, or undefined when its host does not tell. */
export function vaultTokenScope(vaultUrl: string): string | undefined {
  const host = new URL(vaultUrl).hostname.toLowerCase();
  // An emulator on loopback answers for the public cloud's Key Vault.
  if (isLoopbackHost(host)) return 'https://vault.azure.net/.default';
  const suffix = Object.values(CLOUDS).find((c) => host.endsWith(`.${c.vaultSuffix}`))?.vaultSuffix;
  return suffix ? `https://${suffix}/.default` : undefined;
}

export function prefetchingCredential(credential: TokenCredential): PrefetchingCredential {
  const started = new Set<string>();
  const waiting = new Map<string, Promise<AccessToken | null>>();
  return {
    prefetch(scope) {
      if (started.has(scope)) return;
      started.add(scope);
      // The clients ask with CAE on (keyvault-common's challenge policy): ask the same way.
      const token = credential.getToken(scope, { enableCae: true });
      // A failure is the client's to meet, on its own getToken (below).
      token.catch(() => undefined);
      waiting.set(scope, token);
    },
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const scope = typeof scopes === 'string' ? scopes : scopes.length === 1 ? scopes[0] : undefined;
      const prefetched = scope === undefined ? undefined : waiting.get(scope);
      if (scope !== undefined && prefetched && options?.enableCae === true && !options.claims) {
        waiting.delete(scope);
        const token = await prefetched.catch(() => null);
        if (token && (!options.tenantId || decodeTokenClaims(token.token)?.tid === options.tenantId)) return token;
      }
      return credential.getToken(scopes, options);
    },
  };
}
