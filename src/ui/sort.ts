// Item order for lists: by name, by last update (newest first) or by expiry (soonest first,
// items that never expire last).
import type { ItemSummary } from '../store/types.js';

export type SortKey = 'name' | 'updated' | 'expires';

/** How one list is sorted: the key and whether the order is reversed. */
export interface ListSort {
  key: SortKey;
  reverse: boolean;
}

export const DEFAULT_SORT: ListSort = { key: 'name', reverse: false };

export const SORT_KEYS: readonly SortKey[] = ['name', 'updated', 'expires'];

export function nextSortKey(key: SortKey): SortKey {
  return SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length];
}

const byName = (a: ItemSummary, b: ItemSummary) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/** A sorted copy; ties fall back to the name so the order is stable across reloads. Reversed: the whole order turned round. */
export function sortItems(items: readonly ItemSummary[], key: SortKey, reverse = false): ItemSummary[] {
  const sorted = sortBy(items, key);
  return reverse ? sorted.reverse() : sorted;
}

function sortBy(items: readonly ItemSummary[], key: SortKey): ItemSummary[] {
  const copy = [...items];
  if (key === 'name') return copy.sort(byName);
  if (key === 'updated') {
    return copy.sort((a, b) => (b.updatedOn?.getTime() ?? -Infinity) - (a.updatedOn?.getTime() ?? -Infinity) || byName(a, b));
  }
  return copy.sort((a, b) => (a.expiresOn?.getTime() ?? Infinity) - (b.expiresOn?.getTime() ?? Infinity) || byName(a, b));
}
