// Filtering a sorted list (list-view.ts) incrementally: a filter is re-run only on what
// changed: the appended items when the list grew, the previous matches when the query was
// extended by typing, nothing when a character was erased (the shorter query's result is
// kept). Each row's character bits (char-summary.ts) turn most names away before any text is
// searched. Filtering allocates per match only a slot in typed arrays and the row array:
// matched rows are the list's own row objects, ranked by a counting sort on integer ranks,
// and their highlights are computed for the rows in view (item-list.tsx), so a keypress at
// 50,000 items leaves little for the GC. Every function is pure: it returns the previous
// object when nothing changed and never modifies its inputs' content.
import { charBits, letterBit } from './char-summary.js';
import { isSubsequence, NO_MATCH, oneCharRank, rankLower } from './fuzzy-filter.js';
import type { Row, SortedList } from './list-view.js';

const NONE = new Int32Array(0);

export interface FilteredList {
  list: SortedList;
  query: string;
  /** The lower-cased query (what was matched). */
  lower: string;
  /** Positions in the sorted list of the matching rows, ascending, and each one's rank (fuzzy-filter.ts). */
  matched: Int32Array;
  ranks: Int32Array;
  /** The matching rows of the list, best first (ties in list order): the list's own row objects. */
  rows: readonly Row[];
  /** The result this one narrowed (a shorter query on the same list): erasing a character returns it. */
  parent?: FilteredList;
  depth: number;
  /**
   * An empty query's: the shortest query of the filter just erased (or cleared), on the same
   * list, so that typing its first character again (a typo, a second look) costs nothing and
   * the characters after it narrow its matches instead of scanning the whole list again.
   */
  erased?: FilteredList;
}

/** How many shorter queries a result remembers (erasing past them filters again). */
const MAX_DEPTH = 32;

// Scratch for scoring and ranking, reused by every keypress and grown to the largest list:
// a result keeps exact-size copies, so a first character typed at 50,000 items no longer
// leaves ~0.5 MB of full-size arrays for the collector (it ran a full collection every
// few rounds of typing; keys waited on it).
let scratchMatched = new Int32Array(0);
let scratchRanks = new Int32Array(0);
let scratchBucket = new Int32Array(0);

function reserve(n: number): void {
  if (scratchMatched.length >= n) return;
  const size = Math.max(n, scratchMatched.length * 2);
  scratchMatched = new Int32Array(size);
  scratchRanks = new Int32Array(size);
  scratchBucket = new Int32Array(size);
}

/** The rows at `positions` (every row when absent) matching `q`, in the order given. */
function score(list: SortedList, q: string, positions?: ArrayLike<number>): { matched: Int32Array; ranks: Int32Array } {
  const n = positions ? positions.length : list.rows.length;
  reserve(n);
  const matched = scratchMatched;
  const ranks = scratchRanks;
  const indices = new Int32Array(q.length);
  const { rows, shown, texts } = list;
  const need = charBits(q);
  const letter = letterBit(q);
  const first = q.charCodeAt(0);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const pos = positions ? positions[i] : i;
    const r = rows[pos];
    // Most names that do not match lack one of the query's characters: no text is searched.
    if ((r.chars & need) !== need) continue;
    const t = shown[pos];
    let rank: number;
    if (letter !== 0) {
      // One letter, and the name has it: where it stands is in the bits.
      rank = oneCharRank(t.charCodeAt(0) === first, (r.starts & letter) !== 0, t);
    } else {
      if (!isSubsequence(q, t)) continue;
      rank = rankLower(q, t, texts[pos], indices);
      if (rank === NO_MATCH) continue;
    }
    matched[m] = pos;
    ranks[m++] = rank;
  }
  return { matched: matched.slice(0, m), ranks: ranks.slice(0, m) };
}

/** The list's rows at `matched`, best rank first and ties in list order: a stable counting sort. */
function ranked(list: SortedList, matched: Int32Array, ranks: Int32Array): Row[] {
  const n = matched.length;
  // Small integers from the start, not ±Infinity: a sum with a non-integer is a boxed number
  // in V8's interpreter, and the first filter of a session runs these loops there.
  let min = n > 0 ? ranks[0] : 0;
  let max = min;
  for (let i = 1; i < n; i++) {
    const r = ranks[i];
    if (r < min) min = r;
    else if (r > max) max = r;
  }
  const source = list.rows;
  const rows = new Array<Row>(n);
  // Ranks close together (a one-character query: every match a substring, ranks differing
  // by points and name length) are counted in an array indexed by rank; far apart (whole and
  // scattered matches mixed) they are counted per distinct rank.
  if (n > 0 && max - min < 4 * n + 4096) {
    const span = max - min + 1;
    const start = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) start[max - ranks[i] + 1]++;
    for (let r = 1; r <= span; r++) start[r] += start[r - 1];
    for (let i = 0; i < n; i++) rows[start[max - ranks[i]]++] = source[matched[i]];
    return rows;
  }
  reserve(n);
  const bucketOf = new Map<number, number>();
  const bucket = scratchBucket;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) {
    let b = bucketOf.get(ranks[i]);
    if (b === undefined) {
      b = distinct.length;
      bucketOf.set(ranks[i], b);
      distinct.push(ranks[i]);
    }
    bucket[i] = b;
  }
  const counts = new Int32Array(distinct.length);
  for (let i = 0; i < n; i++) counts[bucket[i]]++;
  const start = new Int32Array(distinct.length);
  let at = 0;
  for (const b of distinct.map((_, b) => b).sort((a, b) => distinct[b] - distinct[a])) {
    start[b] = at;
    at += counts[b];
  }
  for (let i = 0; i < n; i++) rows[start[bucket[i]]++] = source[matched[i]];
  return rows;
}

/** Two ascending position lists (with their ranks) merged into one. */
function merge(a: { matched: Int32Array; ranks: Int32Array }, b: { matched: Int32Array; ranks: Int32Array }): { matched: Int32Array; ranks: Int32Array } {
  const n = a.matched.length + b.matched.length;
  const matched = new Int32Array(n);
  const ranks = new Int32Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j >= b.matched.length || (i < a.matched.length && a.matched[i] < b.matched[j])) {
      matched[k] = a.matched[i];
      ranks[k] = a.ranks[i++];
    } else {
      matched[k] = b.matched[j];
      ranks[k] = b.ranks[j++];
    }
  }
  return { matched, ranks };
}

/** The first result of a chain of narrowed results: its shortest remembered query. */
function shortest(f: FilteredList): FilteredList {
  let p = f;
  while (p.parent) p = p.parent;
  return p;
}

/**
 * The rows of `list` matching `query`, best first (ties in list order); every row for an
 * empty query. Reuses `previous`: a query extending its query only re-scores its matches,
 * erasing back to a query it narrowed returns that result, and a list that grew from its
 * list only scores the appended rows.
 */
export function filterList(list: SortedList, query: string, previous?: FilteredList): FilteredList {
  const same = previous?.list === list ? previous : undefined;
  if (same?.query === query) return same;
  if (query === '') {
    const erased = same && (same.query === '' ? same.erased : shortest(same));
    return { list, query, lower: '', matched: NONE, ranks: NONE, rows: list.rows, depth: 0, erased };
  }
  const q = query.toLowerCase();
  const done = (found: { matched: Int32Array; ranks: Int32Array }, parent?: FilteredList): FilteredList => {
    const depth = parent ? parent.depth + 1 : 0;
    return { list, query, lower: q, ...found, rows: ranked(list, found.matched, found.ranks), parent: depth <= MAX_DEPTH ? parent : undefined, depth: depth <= MAX_DEPTH ? depth : 0 };
  };
  // Typed again after erasing: start from what was erased (its shortest query).
  const from = same?.query === '' ? same.erased : same;
  if (from) {
    for (let p: FilteredList | undefined = from; p; p = p.parent) if (p.query === query) return p;
    // Whatever matches the longer query matched the shorter one: start from the longest
    // remembered query that this one extends.
    for (let p: FilteredList | undefined = from; p; p = p.parent) {
      if (p.lower !== '' && q.startsWith(p.lower)) return done(score(list, q, p.matched), p);
    }
  } else if (previous && previous.query === query && list.from?.list === previous.list) {
    const { moved, added } = list.from;
    const carried = { matched: previous.matched.map((pos) => moved[pos]), ranks: previous.ranks };
    // Appended rows were sorted alone: their positions are ascending too.
    return done(merge(carried, score(list, q, added)));
  }
  return done(score(list, q));
}
