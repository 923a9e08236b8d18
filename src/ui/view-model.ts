// What the explorer shows, derived from a store snapshot and the navigation state by pure,
// memoised functions: the same answer for the render and for a key handled before the next
// render. Sorting and filtering happen once per change, and incrementally (list-view.ts,
// list-filter.ts): a page appended is merged in, a character typed re-scores the previous
// matches.
import type { CollectionState, ItemSummary, StoreSnapshot, VaultState } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import type { FilteredList } from './list-filter.js';
import { filterList } from './list-filter.js';
import type { SortedList } from './list-view.js';
import { sortedList } from './list-view.js';
import type { NavState } from './navigation.js';
import { clampCursor, cursorOf, sortOf } from './navigation.js';
import type { ListSort, SortKey } from './sort.js';

let orderCache: { vaults: readonly VaultState[]; out: readonly VaultState[] } | undefined;

/** The subscription a discovered vault is listed under. */
export function subscriptionLabel(vault: Pick<VaultState, 'arm'>): string {
  return vault.arm?.subscriptionName ?? vault.arm?.subscriptionId ?? '';
}

/**
 * The vaults in the order the vaults pane lists them (moves there follow this order): the
 * ones opened by name, pinned or recent first, as given; then discovered ones grouped by
 * subscription (in the order subscriptions first appear), in ARM's order within each.
 */
export function vaultOrder(vaults: readonly VaultState[]): readonly VaultState[] {
  if (orderCache?.vaults === vaults) return orderCache.out;
  const opened = vaults.filter((v) => v.origin !== 'discovered');
  const discovered = vaults.filter((v) => v.origin === 'discovered');
  const groups = [...new Set(discovered.map(subscriptionLabel))];
  const found = groups.flatMap((g) => discovered.filter((v) => subscriptionLabel(v) === g));
  const out = found.length === 0 ? vaults : [...opened, ...found];
  orderCache = { vaults, out };
  return out;
}

/** The vault the navigation names by URL; the first listed one when none is named or it is gone. */
export function currentVault(snapshot: Pick<StoreSnapshot, 'vaults'>, nav: Pick<NavState, 'vault'>): VaultState | undefined {
  const found = nav.vault === undefined ? undefined : snapshot.vaults.find((v) => v.url === nav.vault);
  return found ?? vaultOrder(snapshot.vaults)[0];
}

export function currentCollection(snapshot: StoreSnapshot, nav: NavState): CollectionState | undefined {
  const vault = currentVault(snapshot, nav);
  return vault ? (nav.deleted ? vault.deleted : vault.collections)[nav.kind] : undefined;
}

// One entry each (the list in view): bounded, and what the next keypress or page needs.
let sorted: SortedList | undefined;
let filtered: FilteredList | undefined;

/** The rows of a list: sorted, then fuzzy-filtered on the displayed names (incrementally: list-view.ts, list-filter.ts). */
export function listRows(items: readonly ItemSummary[], order: SortKey | ListSort, filter: string): readonly Filtered<ItemSummary>[] {
  const sort = typeof order === 'string' ? { key: order, reverse: false } : order;
  sorted = sortedList(items, sort, sorted);
  filtered = filterList(sorted, filter, filtered);
  return filtered.rows;
}

const NO_ITEMS: readonly ItemSummary[] = [];

export function currentRows(snapshot: StoreSnapshot, nav: NavState): readonly Filtered<ItemSummary>[] {
  return listRows(currentCollection(snapshot, nav)?.items ?? NO_ITEMS, sortOf(nav), nav.filter);
}

/** The item under the cursor. */
export function selectedItem(rows: readonly Filtered<ItemSummary>[], nav: NavState): ItemSummary | undefined {
  return rows[clampCursor(cursorOf(nav), rows.length)]?.item;
}

