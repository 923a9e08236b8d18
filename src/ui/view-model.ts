// What the explorer shows, derived from a store snapshot and the navigation state by pure,
// memoised functions: the same answer for the render and for a key handled before the next
// render. Sorting and filtering 10,000 items happen once per change, not per frame.
import type { CollectionState, ItemSummary, StoreSnapshot, VaultState } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import { fuzzyFilter } from './fuzzy-filter.js';
import type { NavState } from './navigation.js';
import { clampCursor, cursorOf, sortOf } from './navigation.js';
import { displayName } from './item-text.js';
import type { ListSort, SortKey } from './sort.js';
import { sortItems } from './sort.js';

export function currentVault(snapshot: StoreSnapshot, nav: NavState): VaultState | undefined {
  return snapshot.vaults[Math.min(nav.vault, snapshot.vaults.length - 1)];
}

export function currentCollection(snapshot: StoreSnapshot, nav: NavState): CollectionState | undefined {
  const vault = currentVault(snapshot, nav);
  return vault ? (nav.deleted ? vault.deleted : vault.collections)[nav.kind] : undefined;
}

let sortCache: { items: readonly ItemSummary[]; sort: SortKey; reverse: boolean; out: ItemSummary[] } | undefined;
let filterCache: { sorted: ItemSummary[]; filter: string; out: Filtered<ItemSummary>[] } | undefined;

/** The rows of a list: sorted, then fuzzy-filtered on the displayed names. */
export function listRows(items: readonly ItemSummary[], order: SortKey | ListSort, filter: string): Filtered<ItemSummary>[] {
  const { key: sort, reverse } = typeof order === 'string' ? { key: order, reverse: false } : order;
  if (!sortCache || sortCache.items !== items || sortCache.sort !== sort || sortCache.reverse !== reverse) {
    sortCache = { items, sort, reverse, out: sortItems(items, sort, reverse) };
  }
  const sorted = sortCache.out;
  if (!filterCache || filterCache.sorted !== sorted || filterCache.filter !== filter) {
    filterCache = { sorted, filter, out: fuzzyFilter(sorted, filter, displayName) };
  }
  return filterCache.out;
}

const NO_ITEMS: readonly ItemSummary[] = [];

export function currentRows(snapshot: StoreSnapshot, nav: NavState): Filtered<ItemSummary>[] {
  return listRows(currentCollection(snapshot, nav)?.items ?? NO_ITEMS, sortOf(nav), nav.filter);
}

/** The item under the cursor. */
export function selectedItem(rows: readonly Filtered<ItemSummary>[], nav: NavState): ItemSummary | undefined {
  return rows[clampCursor(cursorOf(nav), rows.length)]?.item;
}

