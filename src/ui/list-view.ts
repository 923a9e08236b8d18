// The rows of a list, kept up to date incrementally: a list that grew by a page is merged
// into the sorted rows (the new items sorted alone, then one linear merge) instead of sorted
// again, and a filter is re-run only on what changed: the appended items when the list grew,
// the previous matches when the query was extended by typing. Every function is pure: it
// returns the previous object when nothing changed and never modifies its inputs' content.
import type { ItemSummary } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import { isSubsequence, matchLower } from './fuzzy-filter.js';
import { displayName } from './item-text.js';
import type { Keyed, ListSort } from './sort.js';
import { comparator, keyed } from './sort.js';

const NO_INDICES: readonly number[] = [];

/** A collection's items in display order. */
export interface SortedList {
  source: readonly ItemSummary[];
  sort: ListSort;
  /** In order, unfiltered (no highlighted characters); the same objects across appends, so rows in view keep their identity. */
  rows: readonly Filtered<ItemSummary>[];
  /** Per row: the lower-cased name (sorting) and the lower-cased displayed name (filtering). */
  keys: readonly Keyed[];
  shown: readonly string[];
  /**
   * When this list is `from.list` plus appended items: where each old row went, and the
   * positions of the new rows, so a filter can be carried over. Only one step is kept.
   */
  from?: { list: SortedList; moved: Int32Array; added: Int32Array };
}

function isPrefix(prefix: readonly ItemSummary[], of: readonly ItemSummary[]): boolean {
  if (prefix.length > of.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== of[i]) return false;
  return true;
}

const shownKey = (item: ItemSummary) => {
  const shown = displayName(item);
  return shown === item.name ? undefined : shown.toLowerCase();
};

function build(source: readonly ItemSummary[], sort: ListSort): SortedList {
  const keys = source.map(keyed).sort(comparator(sort.key, sort.reverse));
  return {
    source,
    sort,
    keys,
    rows: keys.map((k) => ({ item: k.item, indices: NO_INDICES })),
    shown: keys.map((k) => shownKey(k.item) ?? k.lower),
  };
}

function append(previous: SortedList, source: readonly ItemSummary[]): SortedList {
  const cmp = comparator(previous.sort.key, previous.sort.reverse);
  const added = source.slice(previous.source.length).map(keyed).sort(cmp);
  const n = previous.keys.length + added.length;
  const keys = new Array<Keyed>(n);
  const rows = new Array<Filtered<ItemSummary>>(n);
  const shown = new Array<string>(n);
  const moved = new Int32Array(previous.keys.length);
  const addedAt = new Int32Array(added.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    // Ties keep old rows first, as a stable sort of old + appended would.
    if (j >= added.length || (i < previous.keys.length && cmp(previous.keys[i], added[j]) <= 0)) {
      keys[k] = previous.keys[i];
      rows[k] = previous.rows[i];
      shown[k] = previous.shown[i];
      moved[i++] = k;
    } else {
      const a = added[j];
      keys[k] = a;
      rows[k] = { item: a.item, indices: NO_INDICES };
      shown[k] = shownKey(a.item) ?? a.lower;
      addedAt[j++] = k;
    }
  }
  // One step of history only: the previous list forgets its own, so lists never chain.
  previous.from = undefined;
  return { source, sort: previous.sort, keys, rows, shown, from: { list: previous, moved, added: addedAt } };
}

/** The sorted rows of `source`, reusing `previous` when `source` only grew at its end. */
export function sortedList(source: readonly ItemSummary[], sort: ListSort, previous?: SortedList): SortedList {
  if (previous && previous.sort.key === sort.key && previous.sort.reverse === sort.reverse) {
    if (previous.source === source) return previous;
    if (previous.source.length > 0 && isPrefix(previous.source, source)) return append(previous, source);
  }
  return build(source, sort);
}

interface Match {
  /** Position in the sorted list. */
  pos: number;
  score: number;
  indices: number[];
}

export interface FilteredList {
  list: SortedList;
  query: string;
  matches: readonly Match[];
  rows: readonly Filtered<ItemSummary>[];
}

const byScore = (a: Match, b: Match) => b.score - a.score || a.pos - b.pos;

/** Matches at `positions` (every row when absent); a row that does not match costs one scan. */
function score(list: SortedList, q: string, positions?: ArrayLike<number>): Match[] {
  const out: Match[] = [];
  const n = positions ? positions.length : list.rows.length;
  for (let i = 0; i < n; i++) {
    const pos = positions ? positions[i] : i;
    const t = list.shown[pos];
    if (!isSubsequence(q, t)) continue;
    const m = matchLower(q, t, displayName(list.keys[pos].item));
    if (m) out.push({ pos, score: m.score, indices: m.indices });
  }
  return out;
}

/** Merges two lists already in byScore order. */
function mergeMatches(a: readonly Match[], b: readonly Match[]): Match[] {
  const out = new Array<Match>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= b.length || (i < a.length && byScore(a[i], b[j]) <= 0) ? a[i++] : b[j++];
  return out;
}

/**
 * The rows of `list` matching `query`, best first (ties in list order); every row for an
 * empty query. Reuses `previous`: a query extending its query only re-scores its matches,
 * and a list that grew from its list only scores the appended rows.
 */
export function filterList(list: SortedList, query: string, previous?: FilteredList): FilteredList {
  if (previous && previous.list === list && previous.query === query) return previous;
  if (query === '') return { list, query, matches: [], rows: list.rows };
  const q = query.toLowerCase();
  let matches: Match[];
  if (previous && previous.list === list && previous.query !== '' && query.startsWith(previous.query)) {
    // Whatever matches the longer query matched the shorter one.
    matches = score(
      list,
      q,
      previous.matches.map((m) => m.pos),
    ).sort(byScore);
  } else if (previous && previous.query === query && list.from?.list === previous.list) {
    const { moved, added } = list.from;
    const carried = previous.matches.map((m) => ({ ...m, pos: moved[m.pos] }));
    matches = mergeMatches(carried, score(list, q, added).sort(byScore));
  } else {
    matches = score(list, q).sort(byScore);
  }
  return { list, query, matches, rows: matches.map((m) => ({ item: list.keys[m.pos].item, indices: m.indices })) };
}
