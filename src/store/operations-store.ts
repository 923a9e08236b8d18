// Wires operations into the store: a tracker whose list is the snapshot's `operations`, the
// mutating actions (read-only guard, input checks, SDK clients from the vault sessions), and
// refreshes of what a finished operation touched: the collection and deleted view of its kind
// (where loaded) and, when the item still exists, its open details.
import { createMutationActions } from './mutations/mutation-actions.js';
import type { MutationActions } from './mutations/mutation-actions.js';
import type { VaultClients } from './mutations/vault-clients.js';
import { explainOperationError } from './operations-conflict.js';
import type { OperationTracker } from './operations.js';
import { createOperationTracker } from './operations.js';
import type { ReadOnlyGuard } from './read-only-guard.js';
import { createReadOnlyGuard } from './read-only-guard.js';
import { findVault } from './snapshot-updates.js';
import type { ClassifiedError, CollectionKind, ItemSummary, Operation, StoreSnapshot } from './types.js';

export interface OperationsWiring {
  readOnly: boolean;
  now: () => number;
  /** Time between polls of a running operation. */
  intervalMs: number;
  classify: (error: unknown) => ClassifiedError;
  clientsFor: (vault: string) => VaultClients;
  getSnapshot: () => StoreSnapshot;
  setOperations: (operations: readonly Operation[]) => void;
  loadCollection: (vault: string, kind: CollectionKind, options: { deleted?: boolean; refresh?: boolean }) => void;
  loadDetails: (item: ItemSummary, options: { refresh?: boolean }) => void;
  /** Drops cached list lookups (key type, issuer) of an item this operation changed. */
  forgetEnrichment?: (itemId: string) => void;
  /** Puts an item from the service's answer (a create, an import) into its loaded list at once. */
  listItem?: (item: ItemSummary) => void;
  /** Takes a deleted item's row out of its loaded live list at once. */
  unlistItem?: (vaultUrl: string, kind: CollectionKind, name: string) => void;
}

export interface StoreOperations {
  actions: MutationActions;
  /** For the vault lifecycle (ARM), which runs its own operations on the same tracker and guard. */
  tracker: OperationTracker;
  guard: ReadOnlyGuard;
  dispose(): void;
}

/** Operations after which the item is gone from the live list. */
const ITEM_GOES = new Set<Operation['kind']>(['delete', 'deleteAndPurge']);

/** Operations after which the item exists and its details are worth reloading. */
const ITEM_STAYS = new Set<Operation['kind']>(['create', 'recover', 'rotate', 'update', 'import']);

export function createStoreOperations(wiring: OperationsWiring): StoreOperations {
  // Operations whose run put the item they made into its list: that list needs no reload.
  const listed = new Set<string>();

  function refreshAfter(operation: Operation, vaultUrl: string): void {
    const inList = listed.delete(operation.id) && operation.state === 'succeeded';
    // Vault operations update the vaults list themselves (vault-lifecycle.ts).
    if (operation.collection === 'vaults') return;
    const vault = findVault(wiring.getSnapshot(), vaultUrl);
    if (!vault) return;
    const kind = operation.collection;
    const itemId = `${vault.url}/${kind}/${operation.target}`.toLowerCase();
    if (ITEM_STAYS.has(operation.kind)) wiring.forgetEnrichment?.(itemId);
    const gone = ITEM_GOES.has(operation.kind) && operation.state === 'succeeded' && wiring.unlistItem !== undefined;
    if (gone) wiring.unlistItem!(vault.url, kind, operation.target);
    // A reload would start the list over from its first page: 10,000 items paging again, the
    // new one shown only when its page came. The item from the answer is already in place.
    if (vault.collections[kind].status !== 'idle' && !inList && !gone) wiring.loadCollection(vault.url, kind, { refresh: true });
    if (vault.deleted[kind].status !== 'idle') wiring.loadCollection(vault.url, kind, { deleted: true, refresh: true });
    if (!ITEM_STAYS.has(operation.kind)) return;
    for (const details of Object.values(wiring.getSnapshot().details)) {
      const item = details.item;
      if (item && item.deletedOn === undefined && item.id.toLowerCase() === itemId) wiring.loadDetails(item, { refresh: true });
    }
  }

  const tracker = createOperationTracker({
    now: wiring.now,
    intervalMs: wiring.intervalMs,
    classify: (error, operation) => explainOperationError(error, operation, wiring.classify),
    onChange: wiring.setOperations,
    onFinished: refreshAfter,
    onListed(item, operationId) {
      if (!wiring.listItem) return;
      listed.add(operationId);
      wiring.listItem(item);
    },
  });
  const guard = createReadOnlyGuard(wiring.readOnly);
  const actions = createMutationActions({
    clientsFor: wiring.clientsFor,
    tracker,
    guard,
    classify: wiring.classify,
  });
  return { actions, tracker, guard, dispose: () => tracker.dispose() };
}
