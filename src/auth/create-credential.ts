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

/**
 * Which link of DefaultAzureCredential's chain will sign in, as far as the environment tells
 * (the chain tries them in this order): for "signing in with managed identity…" while it waits.
 */
export function describeCredential(env: NodeJS.ProcessEnv): string {
  if (env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && (env.AZURE_CLIENT_SECRET || env.AZURE_CLIENT_CERTIFICATE_PATH)) return 'a service principal (AZURE_CLIENT_ID)';
  if (env.AZURE_FEDERATED_TOKEN_FILE) return 'workload identity';
  if (env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT || env.AZURE_POD_IDENTITY_AUTHORITY_HOST || env.IMDS_ENDPOINT) return 'managed identity';
  return 'managed identity or the Azure CLI';
}
