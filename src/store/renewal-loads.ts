// How the certificates on the expiry radar renew: the issuer and whether the policy's lifetime
// action is AutoRenew or only EmailContacts. The list API leaves the policy out, so it is asked
// for per certificate — only for the rows on the radar, a few at a time, once each.
import type { CertificatePolicy } from '@azure/keyvault-certificates';
import type { Renewal } from './expiry-radar.js';
import type { ItemSummary, RenewalState, StoreSnapshot } from './types.js';
import type { VaultSession } from './vault-session.js';

export interface RenewalLoadsDeps {
  concurrency: number;
  sessionFor(vaultUrl: string): VaultSession;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
}

/** The renewal a policy describes. */
export function renewalOf(policy: Pick<CertificatePolicy, 'issuerName' | 'lifetimeActions'>): Renewal {
  const actions = policy.lifetimeActions ?? [];
  return {
    issuer: policy.issuerName,
    autoRenew: actions.some((a) => a.action === 'AutoRenew'),
  };
}

export function createRenewalLoads(deps: RenewalLoadsDeps) {
  const queue: ItemSummary[] = [];
  let running = 0;
  const controller = new AbortController();

  function put(id: string, state: RenewalState): void {
    const snapshot = deps.getSnapshot();
    deps.set({ ...snapshot, renewals: { ...snapshot.renewals, [id]: state } });
  }

  function next(): void {
    while (running < deps.concurrency && queue.length > 0 && !deps.isDisposed()) {
      const item = queue.shift()!;
      running++;
      deps
        .sessionFor(item.vaultUrl)
        .certificates()
        .getCertificatePolicy(item.name, { abortSignal: controller.signal })
        .then(
          (policy) => put(item.id, { status: 'done', ...renewalOf(policy) }),
          () => put(item.id, { status: 'error' }),
        )
        .finally(() => {
          running--;
          next();
        });
    }
  }

  return {
    request(items: readonly ItemSummary[]): void {
      const known = deps.getSnapshot().renewals ?? {};
      const fresh = items.filter((i) => i.kind === 'certificates' && !known[i.id] && !queue.some((q) => q.id === i.id));
      if (fresh.length === 0) return;
      const snapshot = deps.getSnapshot();
      const renewals = { ...snapshot.renewals };
      for (const item of fresh) renewals[item.id] = { status: 'loading' };
      deps.set({ ...snapshot, renewals });
      queue.push(...fresh);
      next();
    },
    stopAll(): void {
      queue.length = 0;
      controller.abort();
    },
  };
}
