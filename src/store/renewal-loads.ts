// How the certificates on the expiry radar renew: the issuer and whether the policy's lifetime
// action is AutoRenew or only EmailContacts. The list API leaves the policy out, so it is asked
// for per certificate — only for the rows on the radar, a few at a time, once each.
import type { CertificatePolicy } from '@azure/keyvault-certificates';
import type { Renewal } from './expiry-radar.js';
import { createItemLookups } from './item-lookups.js';
import type { ItemSummary, StoreSnapshot } from './types.js';
import type { VaultSession } from './vault-session.js';

export interface LookupDeps {
  concurrency: number;
  sessionFor(vaultUrl: string): VaultSession;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
}

/** The renewal a policy describes. */
export function renewalOf(policy: Pick<CertificatePolicy, 'issuerName' | 'lifetimeActions'>): Renewal {
  const actions = policy.lifetimeActions ?? [];
  return { issuer: policy.issuerName, autoRenew: actions.some((a) => a.action === 'AutoRenew') };
}

export function createRenewalLoads(deps: LookupDeps) {
  const lookups = createItemLookups<Renewal>({
    ...deps,
    fetch: async (item, signal) => renewalOf(await deps.sessionFor(item.vaultUrl).certificates().getCertificatePolicy(item.name, { abortSignal: signal })),
    read: (s) => s.renewals,
    write: (s, renewals) => ({ ...s, renewals }),
  });
  return {
    request: (items: readonly ItemSummary[]) => lookups.request(items.filter((i) => i.kind === 'certificates')),
    stopAll: () => lookups.stopAll(),
  };
}
