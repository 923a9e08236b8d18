// The credential for real vaults: DefaultAzureCredential, which on an Azure VM ends at the
// managed identity (a user-assigned one when a client id is given) and on a laptop at the
// Azure CLI or developer sign-ins. Imported only by the lazily loaded runtime.
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

export interface CredentialChoice {
  tenantId?: string;
  /** Client id of a user-assigned managed identity. */
  clientId?: string;
  /** The cloud's sign-in authority (sovereign clouds). */
  authorityHost?: string;
}

export function createCredential(choice: CredentialChoice): TokenCredential {
  return new DefaultAzureCredential({
    ...(choice.clientId ? { managedIdentityClientId: choice.clientId } : {}),
    ...(choice.tenantId ? { tenantId: choice.tenantId } : {}),
    ...(choice.authorityHost ? { authorityHost: choice.authorityHost } : {}),
  });
}
