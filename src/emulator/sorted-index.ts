/**
 * A set of strings kept in sorted order (UTF-16 code unit order, as `<` compares), so a list
 * page is a walk from a position instead of a sort of the whole collection: insert, remove
 * and "walk from the first key after X" cost O(log n + chunk), not O(n).
 *
 * Chunked rather than one array: a sorted array's splice moves half the array per insert,
 * which makes creating 50,000 names in random order quadratic. Chunks stay between
 * MAX_CHUNK/2 and MAX_CHUNK keys (except a lone last chunk), so a splice moves at most
 * MAX_CHUNK entries.
 */
const MAX_CHUNK = 512;

export class SortedIndex {
  private chunks: string[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose last key is ≥ key (chunks.length when none). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid];
      if (chunk[chunk.length - 1] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds a key; false when it was already there. */
  insert(key: string): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.count = 1;
      return true;
    }
    let c = this.chunkFor(key);
    if (c === this.chunks.length) c -= 1; // larger than every key: append to the last chunk
    const chunk = this.chunks[c];
    const at = lowerBound(chunk, key);
    if (chunk[at] === key) return false;
    chunk.splice(at, 0, key);
    this.count += 1;
    if (chunk.length > MAX_CHUNK) this.chunks.splice(c, 1, chunk.slice(0, chunk.length >>> 1), chunk.slice(chunk.length >>> 1));
    return true;
  }

  /** Removes a key; false when it was not there. */
  remove(key: string): boolean {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (!chunk) return false;
    const at = lowerBound(chunk, key);
    if (chunk[at] !== key) return false;
    chunk.splice(at, 1);
    this.count -= 1;
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
    } else if (chunk.length < MAX_CHUNK >>> 2 && c + 1 < this.chunks.length) {
      // Merge a thin chunk into its successor so chunks do not fragment after many removals.
      const next = this.chunks[c + 1];
      if (chunk.length + next.length <= MAX_CHUNK) this.chunks.splice(c, 2, chunk.concat(next));
    }
    return true;
  }

  has(key: string): boolean {
    const chunk = this.chunks[this.chunkFor(key)];
    return chunk !== undefined && chunk[lowerBound(chunk, key)] === key;
  }

  /** Calls `visit` with each key greater than `after` (every key when null), in order, until it returns false. */
  forEachAfter(after: string | null, visit: (key: string) => boolean): void {
    let c = after === null ? 0 : this.chunkFor(after);
    let i = after === null || c === this.chunks.length ? 0 : upperBound(this.chunks[c], after);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c];
      for (; i < chunk.length; i++) if (!visit(chunk[i])) return;
    }
  }

  /** Every key in order (for tests and whole-collection readers). */
  keys(): string[] {
    return this.chunks.flat();
  }
}

/** First index whose key is ≥ key. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > key. */
function upperBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A Map whose keys are also kept sorted, so entries can be walked in key order from any key. */
export class SortedMap<V> {
  private readonly map = new Map<string, V>();
  private readonly index = new SortedIndex();

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    if (!this.map.has(key)) this.index.insert(key);
    this.map.set(key, value);
  }

  delete(key: string): boolean {
    if (!this.map.delete(key)) return false;
    this.index.remove(key);
    return true;
  }

  entries(): IterableIterator<[string, V]> {
    return this.map.entries();
  }

  /** Values in key order. */
  values(): V[] {
    return this.index.keys().map((key) => this.map.get(key) as V);
  }

  /** Calls `visit` with each value whose key is greater than `after` (all when null), in key order, until it returns false. */
  forEachAfter(after: string | null, visit: (value: V) => boolean): void {
    this.index.forEachAfter(after, (key) => visit(this.map.get(key) as V));
  }
}
