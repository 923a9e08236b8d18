import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControl, needsEscape } from '../../src/text/escape-control.js';

test('escape sequences from a vault are shown, not executed', () => {
  assert.equal(escapeControl('a\u001b]52;c;aGk=\u0007b'), 'a\\e]52;c;aGk=\\u{7}b');
  assert.equal(escapeControl('line1\nline2\ttab\r'), 'line1\\nline2\\ttab\\r');
  assert.equal(escapeControl('\u009b31m'), '\\u{9b}31m');
  assert.equal(escapeControl('a\u2028b\u2029c'), 'a\\u{2028}b\\u{2029}c');
});

test('zero-width and bidi characters are made visible as ⟨U+XXXX⟩', () => {
  assert.equal(escapeControl('pa\u200bssword'), 'pa⟨U+200B⟩ssword');
  assert.equal(escapeControl('evil\u202etxt'), 'evil⟨U+202E⟩txt');
  assert.equal(escapeControl('\ufeffname'), '⟨U+FEFF⟩name');
  assert.equal(escapeControl('a\u061cb'), 'a⟨U+061C⟩b');
  const every = [
    0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063,
    0x2064, 0x2065, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0x061c,
  ];
  for (const code of every) {
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    assert.equal(escapeControl(`x${String.fromCodePoint(code)}y`), `x⟨U+${hex}⟩y`, `U+${hex}`);
  }
});

test('ordinary text, including non-ASCII and neighbours of the invisible ranges, passes unchanged', () => {
  assert.equal(escapeControl('db-password ✓ Zürich 東京 العربية'), 'db-password ✓ Zürich 東京 العربية');
  // U+2010 (hyphen), U+2070 (superscript zero), U+061B (Arabic semicolon) are visible.
  assert.equal(escapeControl('a\u2010b\u2070c\u061bd'), 'a\u2010b\u2070c\u061bd');
});

test('needsEscape tells whether anything would change, and has no state between calls', () => {
  assert.equal(needsEscape('plain'), false);
  assert.equal(needsEscape('a\u200bb'), true);
  assert.equal(needsEscape('a\u200bb'), true);
  assert.equal(needsEscape('\u001b[2J'), true);
});
