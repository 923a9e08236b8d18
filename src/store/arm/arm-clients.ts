// The management-plane SDK clients, loaded on first use (the Resource Graph and Key Vault
// management packages are only needed once discovery or a vault operation runs) and made
// once per subscription. Subscriptions come from a plain ARM GET /subscriptions sent through
// the Resource Graph client's pipeline (its credential and retry policies).
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { SubscriptionInfo } from './types.js';
import type { ArmConnection } from './arm-connection.js';
import { armClientOptions } from './arm-connection.js';

export interface ArmClients {
  readonly endpoint: string;
  graph(): Promise<ResourceGraphClient>;
  keyVault(subscriptionId: string): Promise<KeyVaultManagementClient>;
  /** Pages of the subscriptions the identity can see. */
  subscriptions(signal: AbortSignal): AsyncGenerator<SubscriptionInfo[]>;
}

interface SubscriptionPage {
  value?: { subscriptionId?: string; displayName?: string; state?: string; tenantId?: string }[];
  nextLink?: string;
}

export function createArmClients(arm: ArmConnection): ArmClients {
  const options = armClientOptions(arm);
  let graph: Promise<ResourceGraphClient> | undefined;
  const keyVault = new Map<string, Promise<KeyVaultManagementClient>>();

  const graphClient = () =>
    (graph ??= import('@azure/arm-resourcegraph').then(({ ResourceGraphClient }) => new ResourceGraphClient(arm.credential, options)));

  return {
    endpoint: options.endpoint,
    graph: graphClient,
    keyVault(subscriptionId) {
      let client = keyVault.get(subscriptionId);
      if (!client) {
        client = import('@azure/arm-keyvault').then(({ KeyVaultManagementClient }) => new KeyVaultManagementClient(arm.credential, subscriptionId, options));
        keyVault.set(subscriptionId, client);
      }
      return client;
    },
    async *subscriptions(signal) {
      const client = await graphClient();
      const { createDefaultHttpClient, createPipelineRequest, RestError } = await import('@azure/core-rest-pipeline');
      const http = createDefaultHttpClient();
      let url: string | undefined = `${options.endpoint}/subscriptions?api-version=2022-12-01`;
      while (url) {
        const request = createPipelineRequest({ url, method: 'GET', abortSignal: signal, ...(options.tlsOptions ? { tlsSettings: options.tlsOptions } : {}) });
        const response = await client.pipeline.sendRequest(http, request);
        if (response.status !== 200) {
          throw new RestError(`GET /subscriptions answered ${response.status}: ${armMessage(response.bodyAsText)}`, {
            statusCode: response.status,
            request,
            response,
          });
        }
        const page = JSON.parse(response.bodyAsText ?? '{}') as SubscriptionPage;
        yield (page.value ?? [])
          .filter((s) => s.subscriptionId && s.state !== 'Disabled')
          .map((s) => ({ id: s.subscriptionId!, name: s.displayName ?? s.subscriptionId!, ...(s.tenantId ? { tenantId: s.tenantId } : {}) }));
        url = page.nextLink ?? undefined;
      }
    },
  };
}

function armMessage(body: string | undefined | null): string {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { code?: string; message?: string } };
    return parsed.error?.message ?? parsed.error?.code ?? 'no details';
  } catch {
    return 'no details';
  }
}
