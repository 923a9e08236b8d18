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

/** An item with its lower-cased name, computed once so comparisons do not allocate. */
export interface Keyed {
  item: ItemSummary;
  lower: string;
}

const byName = (a: Keyed, b: Keyed) =>
  a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : a.item.name < b.item.name ? -1 : a.item.name > b.item.name ? 1 : 0;

const updated = (k: Keyed) => k.item.updatedOn?.getTime() ?? -Infinity;
const expires = (k: Keyed) => k.item.expiresOn?.getTime() ?? Infinity;

/** The order of `key` (turned round when `reverse`); ties fall back to the name so the order is stable across reloads. */
export function comparator(key: SortKey, reverse = false): (a: Keyed, b: Keyed) => number {
  const forward: (a: Keyed, b: Keyed) => number =
    key === 'name' ? byName : key === 'updated' ? (a, b) => updated(b) - updated(a) || byName(a, b) : (a, b) => expires(a) - expires(b) || byName(a, b);
  return reverse ? (a, b) => forward(b, a) : forward;
}

export const keyed = (item: ItemSummary): Keyed => ({ item, lower: item.name.toLowerCase() });

/** A sorted copy; ties fall back to the name so the order is stable across reloads. Reversed: the whole order turned round. */
export function sortItems(items: readonly ItemSummary[], key: SortKey, reverse = false): ItemSummary[] {
  const sorted = items.map(keyed).sort(comparator(key)).map((k) => k.item);
  return reverse ? sorted.reverse() : sorted;
}
