// Immutable updates of the snapshot with structural sharing: each helper copies only the path
// to the slice that changed, so every other slice keeps its reference and selector hooks on
// them do not re-render.
import type { CollectionKind, CollectionState, DetailsState, StoreSnapshot, VaultInfo, VaultState } from './types.js';

export const COLLECTION_KINDS: readonly CollectionKind[] = ['keys', 'secrets', 'certificates'];

export function emptyCollection(): CollectionState {
  return { status: 'idle', items: [], pagesLoaded: 0, revision: 0 };
}

export function newVaultState(info: VaultInfo): VaultState {
  const fresh = () => ({ keys: emptyCollection(), secrets: emptyCollection(), certificates: emptyCollection() });
  return { ...info, collections: fresh(), deleted: fresh() };
}

export type View = 'collections' | 'deleted';

export function viewOf(deleted: boolean | undefined): View {
  return deleted ? 'deleted' : 'collections';
}

/** Replaces one collection of one vault; `change` gets the current state and returns the next (revision is bumped here). */
export function updateCollection(
  snapshot: StoreSnapshot,
  vaultUrl: string,
  view: View,
  kind: CollectionKind,
  change: (current: CollectionState) => CollectionState,
): StoreSnapshot {
  const index = snapshot.vaults.findIndex((v) => v.url === vaultUrl);
  if (index < 0) return snapshot;
  const vault = snapshot.vaults[index];
  const current = vault[view][kind];
  const next = change(current);
  if (next === current) return snapshot;
  const nextVault: VaultState = { ...vault, [view]: { ...vault[view], [kind]: { ...next, revision: current.revision + 1 } } };
  const vaults = snapshot.vaults.slice();
  vaults[index] = nextVault;
  return { ...snapshot, vaults };
}

export function updateDetails(snapshot: StoreSnapshot, key: string, change: (current: DetailsState | undefined) => DetailsState): StoreSnapshot {
  return { ...snapshot, details: { ...snapshot.details, [key]: change(snapshot.details[key]) } };
}

/** A vault URL as the store compares it: lower case, no trailing slash. */
export function vaultKey(url: string): string {
  return url.toLowerCase().replace(/\/+$/, '');
}

/**
 * The open vault at this URL. Vaults are addressed by URL only: two open vaults can share a
 * name (`prod` in two clouds), and a name would silently pick the first.
 */
export function findVault(snapshot: StoreSnapshot, vaultUrl: string): VaultState | undefined {
  const wanted = vaultKey(vaultUrl);
  return snapshot.vaults.find((v) => vaultKey(v.url) === wanted);
}
