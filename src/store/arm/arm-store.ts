// The store's management plane in one place: discovery, the vault lifecycle and access
// policies, wired to the store's snapshot and operation tracker. create-store.ts owns the
// vault sessions and hands in how to add and drop vaults; this returns the ARM actions.
import type { TokenCredential } from '@azure/core-auth';
import { ActionRefusedError } from '../operations-errors.js';
import type { OperationTracker } from '../operations.js';
import type { ReadOnlyGuard } from '../read-only-guard.js';
import { findVault } from '../snapshot-updates.js';
import type { ClassifiedError, Store, StoreSnapshot, VaultInfo } from '../types.js';
import type { SubscriptionInfo } from './types.js';
import type { ConnectionOptions } from '../vault-session.js';
import { createAccessPolicies } from './access-policies.js';
import { createArmClients } from './arm-clients.js';
import type { DiscoveryLoad } from './discovery-load.js';
import { createDiscoveryLoad } from './discovery-load.js';
import { createVaultLifecycle } from './vault-lifecycle.js';

export type ArmActions = Pick<
  Store,
  'discoverVaults' | 'checkVaultName' | 'createVault' | 'deleteVault' | 'loadDeletedVaults' | 'recoverVault' | 'purgeVault' | 'refreshVaultArm' | 'updateAccessPolicy'
>;

export interface ArmStoreWiring {
  /** Without an endpoint the management plane is off (its actions refuse, discovery does nothing). */
  endpoint?: string;
  credential: TokenCredential;
  connection: ConnectionOptions;
  tracker: OperationTracker;
  guard: ReadOnlyGuard;
  classify(error: unknown): ClassifiedError;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
  /** Adds vaults not open yet (a session each) and gives open ones ARM's facts. */
  mergeVaults(found: readonly VaultInfo[]): void;
  /** Drops a vault (and its session) that ARM deleted. */
  removeVault(url: string): void;
  /** The user now has this vault: remembered as recent. */
  remember(url: string): void;
}

export interface ArmStore {
  actions: ArmActions;
  discovery: DiscoveryLoad;
}

export function createArmStore(w: ArmStoreWiring): ArmStore {
  const clients = w.endpoint ? createArmClients({ endpoint: w.endpoint, credential: w.credential, connection: w.connection }) : undefined;
  const { getSnapshot, set, classify } = w;
  const discovery = createDiscoveryLoad({ clients, classify, getSnapshot, set, merge: w.mergeVaults });

  const lifecycle = createVaultLifecycle({
    clients,
    tracker: w.tracker,
    guard: w.guard,
    classify,
    getSnapshot,
    setDeletedVaults: (deletedVaults) => set({ ...getSnapshot(), deletedVaults }),
    addVault(info) {
      w.mergeVaults([info]);
      w.remember(info.url);
    },
    removeVault: w.removeVault,
    async subscriptions(signal) {
      const known = getSnapshot().discovery.subscriptions;
      if (known.length > 0 || !clients) return known;
      const all: SubscriptionInfo[] = [];
      for await (const page of clients.subscriptions(signal ?? new AbortController().signal)) all.push(...page);
      return all;
    },
    identity: () => getSnapshot().identity,
  });

  const policies = createAccessPolicies({
    clients,
    tracker: w.tracker,
    guard: w.guard,
    classify,
    identity: () => getSnapshot().identity,
    updateArm(url, info) {
      const snapshot = getSnapshot();
      const vault = findVault(snapshot, url);
      if (vault) set({ ...snapshot, vaults: snapshot.vaults.map((v) => (v === vault ? { ...v, arm: info.arm } : v)) });
    },
  });

  function openVault(vaultUrl: string) {
    const vault = findVault(getSnapshot(), vaultUrl);
    if (!vault) throw new ActionRefusedError('notFound', `no open vault at ${vaultUrl.slice(0, 80)}`);
    return vault;
  }

  return {
    discovery,
    actions: {
      discoverVaults: () => {
        if (!w.isDisposed()) discovery.start();
      },
      refreshVaultArm(vaultUrl) {
        const vault = findVault(getSnapshot(), vaultUrl);
        if (!vault || w.isDisposed()) return;
        if (!vault.arm) {
          if (getSnapshot().discovery.status !== 'loading') discovery.start();
          return;
        }
        // A failed re-read keeps what was shown; the next open tries again.
        policies.reread(vault).catch(() => undefined);
      },
      updateAccessPolicy: (vaultUrl, kind, entry) => policies.update(openVault(vaultUrl), kind, entry),
      checkVaultName: (name, subscriptionId) => lifecycle.checkVaultName(name, subscriptionId),
      createVault: (input) => lifecycle.createVault(input),
      deleteVault: (vaultUrl) => lifecycle.deleteVault(openVault(vaultUrl)),
      loadDeletedVaults: () => lifecycle.loadDeletedVaults(),
      recoverVault: (vault) => lifecycle.recoverVault(vault),
      purgeVault: (vault) => lifecycle.purgeVault(vault),
    },
  };
}
