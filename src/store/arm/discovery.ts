// Finds the vaults the signed-in identity can see: subscriptions from ARM, then one paged
// Resource Graph query across all of them (the engine built for tenants with thousands of
// subscriptions); when Resource Graph is refused, each subscription's vaults through
// @azure/arm-keyvault. Results are reported as they arrive so the pane fills progressively.
import type { ClassifiedError, VaultInfo } from '../types.js';
import type { SubscriptionInfo } from './types.js';
import type { ArmClients } from './arm-clients.js';
import type { ArmVaultLike } from './arm-vault-info.js';
import { vaultInfoFromArm } from './arm-vault-info.js';

/** The one query kvx sends (the emulator's Resource Graph answers exactly this shape). */
export const VAULTS_QUERY = "resources | where type =~ 'microsoft.keyvault/vaults' | project id, name, resourceGroup, location, subscriptionId, tags, properties";
/** Resource Graph takes at most 1000 subscriptions per query and 1000 rows per page. */
const SUBSCRIPTIONS_PER_QUERY = 1000;
const ROWS_PER_PAGE = 1000;

export interface DiscoveryEvents {
  progress(text: string): void;
  subscriptions(list: readonly SubscriptionInfo[]): void;
  vaults(found: readonly VaultInfo[]): void;
  /** Resource Graph was refused; listing per subscription instead. */
  fallback(reason: ClassifiedError): void;
  /** One subscription could not be listed (the others still are). */
  subscriptionFailed(subscription: SubscriptionInfo, error: ClassifiedError): void;
}

export async function discoverVaults(
  clients: ArmClients,
  signal: AbortSignal,
  classify: (error: unknown) => ClassifiedError,
  events: DiscoveryEvents,
): Promise<'resourceGraph' | 'subscriptions'> {
  events.progress('subscriptions');
  const subscriptions: SubscriptionInfo[] = [];
  for await (const page of clients.subscriptions(signal)) {
    subscriptions.push(...page);
    events.subscriptions([...subscriptions]);
  }
  const names = new Map(subscriptions.map((s) => [s.id.toLowerCase(), s.name]));
  const toInfo = (rows: readonly ArmVaultLike[]) =>
    rows.flatMap((row) => {
      const info = vaultInfoFromArm(row, names.get((row.subscriptionId ?? row.id?.split('/')[2] ?? '').toLowerCase()));
      return info ? [info] : [];
    });
  if (subscriptions.length === 0) return 'resourceGraph';

  try {
    const graph = await clients.graph();
    let page = 0;
    for (let i = 0; i < subscriptions.length; i += SUBSCRIPTIONS_PER_QUERY) {
      const batch = subscriptions.slice(i, i + SUBSCRIPTIONS_PER_QUERY).map((s) => s.id);
      let skipToken: string | undefined;
      do {
        events.progress(`Resource Graph page ${++page}`);
        const response = await graph.resources(
          { subscriptions: batch, query: VAULTS_QUERY, options: { top: ROWS_PER_PAGE, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) } },
          { abortSignal: signal },
        );
        events.vaults(toInfo((response.data ?? []) as ArmVaultLike[]));
        skipToken = response.skipToken;
      } while (skipToken);
    }
    return 'resourceGraph';
  } catch (error) {
    if (signal.aborted) throw error;
    events.fallback(classify(error));
  }

  for (const [i, subscription] of subscriptions.entries()) {
    events.progress(`subscription ${i + 1} of ${subscriptions.length}`);
    try {
      const client = await clients.keyVault(subscription.id);
      for await (const page of client.vaults.listBySubscription({ abortSignal: signal }).byPage()) {
        events.vaults(toInfo(page as ArmVaultLike[]));
      }
    } catch (error) {
      if (signal.aborted) throw error;
      events.subscriptionFailed(subscription, classify(error));
    }
  }
  return 'subscriptions';
}
