// The character bits a filter tests before searching a name: they never turn away a name that
// matches, they do turn away names lacking a character, and a one-letter query's rank read
// from them is the matcher's own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/emulator/prng.js';
import { charBits, letterBit, wordStartLetters } from '../../src/ui/char-summary.js';
import { isSubsequence, NO_MATCH, oneCharRank, rankLower } from '../../src/ui/fuzzy-filter.js';

const PIECES = ['orders', 'Db', 'password', 'api', 'KEY', 'payAccount', 'jwt', 'x9', '07', 'é', 'ünï', '_', '.', ' ', ':', '/', '-', 'zz', 'q'];

function names(count: number, seed: string): string[] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, () => {
    const parts = 1 + Math.floor(rng.next() * 5);
    return Array.from({ length: parts }, () => PIECES[Math.floor(rng.next() * PIECES.length)]).join('');
  });
}

const QUERIES = ['a', 'p', 'z', 'k', 'é', '0', '9', '-', 'pa', 'db', 'x9', 'zq', 'ünï', 'k_', 'o/p', 'apiKey'.toLowerCase(), '7x', ' '];

test('a name that matches a query always has every bit of the query', () => {
  for (const text of names(2_000, 'bits')) {
    const t = text.toLowerCase();
    for (const q of QUERIES) {
      if (isSubsequence(q, t)) assert.equal(charBits(t) & charBits(q), charBits(q), `${JSON.stringify(q)} in ${JSON.stringify(text)}`);
    }
  }
});

test('a name lacking a letter, a digit or a separator of the query is told by its bits alone', () => {
  const bits = charBits('orders-api-key');
  for (const q of ['z', 'ordersz', '9', 'key7']) assert.notEqual(bits & charBits(q), charBits(q), q);
  for (const q of ['o', 'ok', 'rsa', 'ord-api', 'i-k']) assert.equal(bits & charBits(q), charBits(q), q);
  // Separators share a bit: a name with none turns away any query with one.
  const plain = charBits('ordersapikey');
  for (const q of ['orders_api', 'orders api', 'a.k']) assert.notEqual(plain & charBits(q), charBits(q), q);
});

test('a one-letter query ranked from the bits ranks as the matcher does', () => {
  let compared = 0;
  for (const text of names(2_000, 'ranks')) {
    const t = text.toLowerCase();
    const starts = wordStartLetters(t, text);
    for (let c = 97; c <= 122; c++) {
      const q = String.fromCharCode(c);
      const expected = rankLower(q, t, text, new Int32Array(1));
      if (expected === NO_MATCH) {
        assert.equal(charBits(t) & letterBit(q), 0, `${q} is not in ${JSON.stringify(text)}`);
        continue;
      }
      compared++;
      assert.equal(oneCharRank(t.charCodeAt(0) === c, (starts & letterBit(q)) !== 0, t), expected, `${q} in ${JSON.stringify(text)}`);
    }
  }
  assert.ok(compared > 5_000, `compared ${compared}`);
});

test('only a single letter a–z has a letter bit: other queries are matched by searching the text', () => {
  assert.equal(letterBit('a'), 1);
  assert.equal(letterBit('z'), 1 << 25);
  for (const q of ['', 'ab', '0', '-', 'é', 'A']) assert.equal(letterBit(q), 0, q);
});

test('camelCase humps and separators are word starts; the bits stay small integers', () => {
  assert.equal(wordStartLetters('payaccount-db', 'payAccount-db'), letterBit('p') | letterBit('a') | letterBit('d'));
  for (const text of names(500, 'small')) {
    const bits = charBits(text.toLowerCase());
    assert.ok(Number.isInteger(bits) && bits >= 0 && bits < 2 ** 30, `${bits} for ${JSON.stringify(text)}`);
  }
});
