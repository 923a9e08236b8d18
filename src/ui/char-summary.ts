// What characters a name holds, as bits, computed once per row when a list is built: a filter
// keystroke then rejects most names with one AND instead of searching each name's text, and
// ranks a one-letter query without looking at the text at all. At 50,000 names the first
// character typed had to run the matcher over every name while V8 still interpreted it (~20
// ms before the frame); with the bits it is one pass over integers.
import { isBoundary } from './fuzzy-filter.js';

// Bits 0–25: the letters a–z. 26–28: digits, two or four to a bit. 29: anything else. Thirty
// bits keep the value a small integer for V8 (no boxed number per row).
const DIGIT_BITS = [26, 26, 26, 26, 27, 27, 27, 28, 28, 28];
const OTHER = 1 << 29;

function bitOf(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << DIGIT_BITS[c - 48];
  return OTHER;
}

/**
 * The characters of a lower-cased text as bits: a text can match a query only if it has every
 * bit the query has. (Several characters share a bit, so the test may pass and the text still
 * not match; it never fails for a text that matches.)
 */
export function charBits(t: string): number {
  let bits = 0;
  for (let i = 0; i < t.length; i++) bits |= bitOf(t.charCodeAt(i));
  return bits;
}

/** The letters a–z of `t` (lower-cased) that stand at a word start in `text` (the same text as displayed). */
export function wordStartLetters(t: string, text: string): number {
  let bits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 97 && c <= 122 && isBoundary(text, i)) bits |= 1 << (c - 97);
  }
  return bits;
}

/** The bit of a one-letter query (a–z), or 0 for any other query. */
export function letterBit(q: string): number {
  if (q.length !== 1) return 0;
  const c = q.charCodeAt(0);
  return c >= 97 && c <= 122 ? 1 << (c - 97) : 0;
}
