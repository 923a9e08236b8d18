// The incremental list view and its filter (list-view.ts, list-filter.ts): appending pages
// merges into the sorted rows, and filters carry over (typing on re-scores the previous
// matches; a grown list scores only its new rows), with the same answer as sorting and
// filtering everything from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/emulator/prng.js';
import type { ItemSummary } from '../../src/store/types.js';
import { fuzzyFilter, highlightIndices } from '../../src/ui/fuzzy-filter.js';
import { displayName } from '../../src/ui/item-text.js';
import type { FilteredList } from '../../src/ui/list-filter.js';
import { filterList } from '../../src/ui/list-filter.js';
import { sortedList } from '../../src/ui/list-view.js';
import type { ListSort, SortKey } from '../../src/ui/sort.js';
import { SORT_KEYS, sortItems } from '../../src/ui/sort.js';

const WORDS = ['orders', 'db', 'password', 'api', 'key', 'Pay', 'jwt', 'signing', 'x'];

function items(count: number, rng: Prng, start = 0): ItemSummary[] {
  const pick = () => WORDS[Math.floor(rng.next() * WORDS.length)];
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const day = Math.floor(rng.next() * 5);
    return {
      kind: 'secrets' as const,
      id: `https://v/secrets/n${i}`,
      // Repeated words, cases and days so that ties happen.
      name: `${pick()}-${pick()}${rng.next() < 0.3 ? '' : `-${i % 7}`}${i}`,
      vaultUrl: 'https://v',
      tags: {},
      updatedOn: new Date(Date.UTC(2025, 0, 1 + day)),
      expiresOn: rng.next() < 0.5 ? new Date(Date.UTC(2026, 0, 1 + day)) : undefined,
    };
  });
}

const plain = (rows: readonly { item: ItemSummary; indices: readonly number[] }[]) => rows.map((r) => [r.item.id, [...r.indices]]);
/** A filtered list's rows with the highlights the list shows for them (item-list.tsx computes them for the rows in view). */
const shown = (f: FilteredList) => f.rows.map((r) => [r.item.id, f.query ? [...highlightIndices(f.query, displayName(r.item))] : [...r.indices]]);

const by = (key: SortKey, reverse = false): ListSort => ({ key, reverse });

function fromScratch(source: readonly ItemSummary[], sort: ListSort, query: string) {
  return plain(fuzzyFilter(sortItems(source, sort.key, sort.reverse), query, displayName));
}

test('a list grown page by page is in the same order as sorting it whole, for every sort key and reversed', () => {
  for (const sort of SORT_KEYS.flatMap((key) => [by(key), by(key, true)])) {
    const rng = new Prng(`grow-${sort.key}-${sort.reverse}`);
    let source: ItemSummary[] = [];
    let list = sortedList(source, sort);
    for (let page = 0; page < 12; page++) {
      const before = list;
      source = source.concat(items(1 + Math.floor(rng.next() * 30), rng, source.length));
      list = sortedList(source, sort, list);
      if (page > 0) assert.equal(list.from?.list, before, 'merged into the previous list, not rebuilt');
      assert.deepEqual(plain(list.rows), fromScratch(source, sort, ''), `${sort.key}${sort.reverse ? ' reversed' : ''} after page ${page}`);
    }
  }
});

test('rows that were there before a page was appended keep their identity (rows in view are not rebuilt)', () => {
  const rng = new Prng('identity');
  const first = items(50, rng);
  const a = sortedList(first, by('name'));
  const b = sortedList(first.concat(items(25, rng, 50)), by('name'), a);
  const kept = new Set(a.rows);
  assert.equal(b.rows.filter((r) => kept.has(r)).length, 50);
});

test('the same list asks for nothing again: same source and sort give the same object', () => {
  const source = items(10, new Prng('same'));
  const a = sortedList(source, by('name'));
  assert.equal(sortedList(source, by('name'), a), a);
  assert.notEqual(sortedList(source, by('updated'), a), a);
  const f = filterList(a, 'db');
  assert.equal(filterList(a, 'db', f), f);
  assert.equal(filterList(a, '').rows, a.rows, 'the empty filter shows the list rows themselves');
});

test('typing a filter one character at a time gives what filtering from scratch gives', () => {
  const source = items(400, new Prng('typing'));
  const list = sortedList(source, by('name'));
  let f: FilteredList | undefined;
  for (const query of ['d', 'db', 'dbp', 'dbpa', 'dbp', 'p', 'pa', 'pay', 'payx', 'PAY', '']) {
    f = filterList(list, query, f);
    assert.deepEqual(shown(f), fromScratch(source, by('name'), query), `query ${query}`);
  }
});

test('one-letter filters rank as filtering from scratch does, for camelCase names and names shown escaped, across appended pages', () => {
  const odd = ['dbPassword', 'x\x1b[31mpay', 'a\u0007b', 'Pay-DB', 'api_key.v2', 'zz top', 'über-key', 'k'];
  const make = (names: string[], from: number): ItemSummary[] => names.map((name, k) => ({ kind: 'secrets', id: `https://v/secrets/o${from + k}`, name, vaultUrl: 'https://v', tags: {} }));
  const first = [...make(odd, 0), ...items(150, new Prng('odd'))];
  const source = [...first, ...make(odd.map((n) => `${n}-2`), 1000)];
  const list = sortedList(source, by('name'), sortedList(first, by('name')));
  assert.ok(list.from, 'grown from the first page');
  for (const query of ['p', 'a', 'k', 'b', 'z', 'x', '[', '7', 'ü', 'D']) {
    assert.deepEqual(shown(filterList(list, query)), fromScratch(source, by('name'), query), `query ${JSON.stringify(query)}`);
  }
});

test('an extended query re-scores only the previous matches', () => {
  const source = items(200, new Prng('extend'));
  const list = sortedList(source, by('name'));
  const full = filterList(list, 'd');
  // Keep only two of the previous matches: a rescan of the whole list would find more.
  const matched = full.matched.slice(0, 2);
  const narrowed: FilteredList = { ...full, matched, ranks: full.ranks.slice(0, 2), rows: Array.from(matched, (pos) => list.rows[pos]) };
  const next = filterList(list, 'db', narrowed);
  assert.ok(filterList(list, 'db').rows.length > 2, 'the whole list has more matches');
  assert.ok(next.rows.length <= 2);
  for (const row of next.rows) assert.ok(narrowed.rows.some((r) => r.item === row.item));
});

test('a filter on a growing list scores only the appended rows and keeps the order of filtering everything', () => {
  const rng = new Prng('grow-filter');
  let source = items(100, rng);
  let list = sortedList(source, by('updated'));
  let f = filterList(list, 'pa');
  for (let page = 0; page < 8; page++) {
    source = source.concat(items(25, rng, source.length));
    list = sortedList(source, by('updated'), list);
    f = filterList(list, 'pa', f);
    assert.deepEqual(shown(f), fromScratch(source, by('updated'), 'pa'), `after page ${page}`);
  }
  // White box: previous matches are carried, not rescanned.
  const grown = sortedList(source.concat(items(25, rng, source.length)), by('updated'), list);
  const none: FilteredList = { ...f, matched: new Int32Array(0), ranks: new Int32Array(0), rows: [] };
  const carried = filterList(grown, 'pa', none);
  const appended = new Set(grown.source.slice(source.length));
  assert.ok(carried.rows.every((r) => appended.has(r.item)), 'only appended rows were scored');
});

test('erasing a typed character returns the result the shorter query had, without filtering again', () => {
  const list = sortedList(items(300, new Prng('erase')), by('name'));
  const d = filterList(list, 'd');
  const db = filterList(list, 'db', d);
  const dbp = filterList(list, 'dbp', db);
  assert.equal(filterList(list, 'db', dbp), db);
  assert.equal(filterList(list, 'd', filterList(list, 'db', dbp)), d);
  // A different character after erasing extends the remembered shorter result.
  const dba = filterList(list, 'dba', filterList(list, 'db', dbp));
  assert.equal(dba.parent, db);
});

test('typing again what was just erased (or cleared) starts from the erased result: its first character costs no filtering, the next ones narrow its matches', () => {
  const list = sortedList(items(300, new Prng('retype')), by('name'));
  const d = filterList(list, 'd');
  const db = filterList(list, 'db', d);
  const erased = filterList(list, '', filterList(list, 'd', db));
  assert.equal(erased.rows, list.rows, 'an empty query shows every row');
  assert.equal(filterList(list, 'd', erased), d, 'the first character again: the same result, not filtered again');
  const again = filterList(list, 'db', filterList(list, 'd', erased));
  assert.equal(again.parent, d, 'the second narrows the first');
  assert.deepEqual(shown(again), fromScratch(list.source, by('name'), 'db'));
  // Cleared at once (Escape) from a longer query: the same.
  const cleared = filterList(list, '', db);
  assert.equal(filterList(list, 'd', cleared), d);
  assert.equal(filterList(list, '', cleared), cleared, 'an empty query again is the same result');
  // Something else typed after clearing is filtered from scratch, with the same answer.
  assert.deepEqual(shown(filterList(list, 'x', cleared)), fromScratch(list.source, by('name'), 'x'));
  // A list that grew meanwhile does not reuse a result of the old list.
  const grown = sortedList(list.source.concat(items(25, new Prng('retype-more'), 300)), by('name'), list);
  const onGrown = filterList(grown, 'd', filterList(grown, '', cleared));
  assert.notEqual(onGrown, d);
  assert.deepEqual(shown(onGrown), fromScratch(grown.source, by('name'), 'd'));
});

test('filtered rows are the list rows themselves: filtering builds no row objects', () => {
  const list = sortedList(items(200, new Prng('same-rows')), by('name'));
  const rows = new Set(list.rows);
  const f = filterList(list, 'pa');
  assert.ok(f.rows.length > 0);
  assert.ok(f.rows.every((r) => rows.has(r)));
});

test('a sorted list keeps one object per item: each row is also its sort key, across appended pages', () => {
  const rng = new Prng('one-object');
  const first = items(300, rng);
  const list = sortedList(first, by('name'));
  assert.equal(list.rows, list.keys);
  const grown = sortedList([...first, ...items(100, rng)], by('name'), list);
  assert.equal(grown.rows, grown.keys);
  assert.equal(new Set(grown.rows).size, 400);
  for (const r of grown.rows) assert.equal(r.lower, r.item.name.toLowerCase());
});

test('any sequence of typing, erasing, replacing the query and appending pages gives what filtering from scratch gives', () => {
  for (let run = 0; run < 25; run++) {
    const rng = new Prng(`random-${run}`);
    const sort = by(SORT_KEYS[run % SORT_KEYS.length], run % 2 === 1);
    const letters = 'dbpaykxiwsg-0123PA';
    const letter = () => letters[Math.floor(rng.next() * letters.length)];
    let source = items(1 + Math.floor(rng.next() * 80), rng);
    let list = sortedList(source, sort);
    let f: FilteredList | undefined;
    let query = '';
    for (let step = 0; step < 40; step++) {
      const r = rng.next();
      if (r < 0.45) query += letter();
      else if (r < 0.7) query = query.slice(0, -1);
      else if (r < 0.8) query = Array.from({ length: Math.floor(rng.next() * 4) }, letter).join('');
      else {
        source = source.concat(items(1 + Math.floor(rng.next() * 30), rng, source.length));
        list = sortedList(source, sort, list);
      }
      f = filterList(list, query, f);
      assert.deepEqual(shown(f), fromScratch(source, sort, query), `run ${run}, step ${step}, query "${query}"`);
    }
  }
});
