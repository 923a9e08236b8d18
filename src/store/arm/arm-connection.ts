// How kvx reaches Azure Resource Manager: the endpoint (per cloud, or one given with
// --arm-endpoint such as `kvx emulator`'s), the token scope that goes with it, and the SDK
// options. A loopback endpoint trusts the given CA for itself only, as loopback vaults do.
import type { TokenCredential } from '@azure/core-auth';
import { isLoopbackHost } from '../../config/vault-address.js';
import type { ConnectionOptions } from '../vault-session.js';

export interface ArmConnection {
  /** e.g. https://management.azure.com or https://127.0.0.1:41235 */
  endpoint: string;
  credential: TokenCredential;
  connection: ConnectionOptions;
}

export interface ArmClientOptions {
  endpoint: string;
  credentials: { scopes: string[] };
  tlsOptions?: { ca: string };
  retryOptions?: ConnectionOptions['retryOptions'];
  additionalPolicies?: ConnectionOptions['additionalPolicies'];
  userAgentOptions: { userAgentPrefix: string };
}

export function armClientOptions(arm: ArmConnection): ArmClientOptions {
  const endpoint = arm.endpoint.replace(/\/+$/, '');
  const out: ArmClientOptions = {
    endpoint,
    // Tokens for this ARM: the Resource Graph client would otherwise ask for the public cloud's.
    credentials: { scopes: [`${endpoint}/.default`] },
    userAgentOptions: { userAgentPrefix: 'kvx' },
  };
  if (isLoopbackHost(new URL(endpoint).hostname) && arm.connection.ca) out.tlsOptions = { ca: arm.connection.ca };
  if (arm.connection.retryOptions) out.retryOptions = arm.connection.retryOptions;
  if (arm.connection.additionalPolicies) out.additionalPolicies = arm.connection.additionalPolicies;
  return out;
}
