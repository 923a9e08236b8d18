// Wraps a credential to learn who signed in from the first token it hands out (and again
// whenever the token changes), without keeping or logging the token.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { IdentityInfo } from '../store/types.js';
import { identityFromToken } from './token-identity.js';

export function observeIdentity(
  credential: TokenCredential,
  onIdentity: (identity: IdentityInfo) => void,
  credentialName = credential.constructor?.name,
): TokenCredential {
  let last: string | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await credential.getToken(scopes, options);
      if (token && token.token !== last) {
        last = token.token;
        const identity = identityFromToken(token.token, credentialName === 'Object' ? undefined : credentialName);
        if (identity) onIdentity(identity);
      }
      return token;
    },
  };
}
