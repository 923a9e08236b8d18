// The sorted rows of a list, kept up to date incrementally: a list that grew by a page is
// merged into the sorted rows (the new items sorted alone, then one linear merge) instead of
// sorted again, and records where its rows went so a filter can be carried over
// (list-filter.ts). Every function is pure: it returns the previous object when nothing
// changed and never modifies its inputs' content.
import type { ItemSummary } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import { charBits, wordStartLetters } from './char-summary.js';
import { displayName } from './item-text.js';
import type { Keyed, ListSort } from './sort.js';
import { comparator } from './sort.js';

const NO_INDICES: readonly number[] = [];

/**
 * A row of a sorted list: the item, its sort key, (none) highlighted characters, and what
 * characters its displayed name holds (char-summary.ts), which a filter tests first.
 */
export type Row = Keyed &
  Filtered<ItemSummary> & {
    /** charBits of the lower-cased displayed name. */
    chars: number;
    /** wordStartLetters of it. */
    starts: number;
  };

// The same key as sort.ts's keyed(), built in one object; its characters are summed up once
// the displayed name is known (summarize).
const row = (item: ItemSummary): Row => ({ item, lower: item.name.toLowerCase(), indices: NO_INDICES, chars: 0, starts: 0 });

/** The row's displayed name lower-cased (what a filter matches), its character bits filled in. */
function summarize(r: Row, text: string): string {
  const shown = text === r.item.name ? r.lower : text.toLowerCase();
  r.chars = charBits(shown);
  r.starts = wordStartLetters(shown, text);
  return shown;
}

/** A collection's items in display order. */
export interface SortedList {
  source: readonly ItemSummary[];
  sort: ListSort;
  /**
   * In order, unfiltered (no highlighted characters); the same objects across appends, so rows
   * in view keep their identity. Each row is also its sort key (the lower-cased name): one
   * object per item, not two, so 50,000 items give the collector 50,000 fewer to mark.
   */
  rows: readonly Row[];
  /** The same array as `rows`, seen as sort keys. */
  keys: readonly Row[];
  /** Per row: the displayed name (escaped), and lower-cased (what a filter matches). */
  texts: readonly string[];
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

function build(source: readonly ItemSummary[], sort: ListSort): SortedList {
  const keys = source.map(row).sort(comparator(sort.key, sort.reverse));
  const texts = keys.map((k) => displayName(k.item));
  return {
    source,
    sort,
    keys,
    rows: keys,
    texts,
    shown: keys.map((k, i) => summarize(k, texts[i])),
  };
}

function append(previous: SortedList, source: readonly ItemSummary[]): SortedList {
  const cmp = comparator(previous.sort.key, previous.sort.reverse);
  const added = source.slice(previous.source.length).map(row).sort(cmp);
  const n = previous.keys.length + added.length;
  const keys = new Array<Row>(n);
  const shown = new Array<string>(n);
  const texts = new Array<string>(n);
  const moved = new Int32Array(previous.keys.length);
  const addedAt = new Int32Array(added.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    // Ties keep old rows first, as a stable sort of old + appended would.
    if (j >= added.length || (i < previous.keys.length && cmp(previous.keys[i], added[j]) <= 0)) {
      keys[k] = previous.keys[i];
      shown[k] = previous.shown[i];
      texts[k] = previous.texts[i];
      moved[i++] = k;
    } else {
      const a = added[j];
      keys[k] = a;
      texts[k] = displayName(a.item);
      shown[k] = summarize(a, texts[k]);
      addedAt[j++] = k;
    }
  }
  // One step of history only: the previous list forgets its own, so lists never chain.
  previous.from = undefined;
  return { source, sort: previous.sort, keys, rows: keys, texts, shown, from: { list: previous, moved, added: addedAt } };
}

/** The sorted rows of `source`, reusing `previous` when `source` only grew at its end. */
export function sortedList(source: readonly ItemSummary[], sort: ListSort, previous?: SortedList): SortedList {
  if (previous && previous.sort.key === sort.key && previous.sort.reverse === sort.reverse) {
    if (previous.source === source) return previous;
    if (previous.source.length > 0 && isPrefix(previous.source, source)) return append(previous, source);
  }
  return build(source, sort);
}
