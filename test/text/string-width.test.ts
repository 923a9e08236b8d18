// The fast path must measure exactly what string-width measures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import realStringWidth from 'string-width';
import stringWidth, { isNarrow } from '../../src/text/string-width.js';

test('every character the fast path counts as one column is one column for string-width', () => {
  let checked = 0;
  for (let c = 0; c <= 0xffff; c++) {
    if (!isNarrow(c)) continue;
    const ch = String.fromCharCode(c);
    assert.equal(realStringWidth(ch), 1, `U+${c.toString(16).padStart(4, '0')} ${ch}`);
    // …and does not join the character before it into one grapheme.
    assert.equal(realStringWidth(`a${ch}`), 2, `a + U+${c.toString(16).padStart(4, '0')}`);
    checked++;
  }
  assert.ok(checked > 1000);
});

test('strings measure the same as with string-width: screen text, wide characters, emoji, escapes, marks', () => {
  const samples = [
    '',
    'orders-api-key',
    '╭──────╮ │ › ▸ · … ✓ ✗ — ↑↓ ■',
    '日本語の名前-secret',
    'emoji-😀-name',
    'flag 🇸🇪 and ❤️ and ✔️',
    'café',
    'cafe\u0301 (combining accent)',
    'soft\u00adhyphen',
    'zero\u200bwidth',
    '\u001b[31mred\u001b[39m text',
    'tab\there',
    '한국어',
    '◽◾ white and black medium small squares',
  ];
  for (const s of samples) assert.equal(stringWidth(s), realStringWidth(s), JSON.stringify(s));
  assert.equal(stringWidth('a\tb', { countAnsiEscapeCodes: true }), realStringWidth('a\tb', { countAnsiEscapeCodes: true }));
});
