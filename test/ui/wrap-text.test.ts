import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrapText } from '../../src/ui/wrap-text.js';

test('wraps at spaces, never past the width, and keeps every character', () => {
  const text = "403 forbidden: missing 'list' permission on certificates for appid=b6600d89-3a33-50c1-9e0a-5f3c1e2d4a77;oid=0c5e";
  const lines = wrapText(text, 30);
  for (const l of lines) assert.ok(l.length <= 30, l);
  assert.equal(lines.join('').replace(/ /g, ''), text.replace(/ /g, ''));
});

test('a word wider than the line is broken inside, and continuation lines are indented', () => {
  assert.deepEqual(wrapText('id abcdefghijklmnop', 8, '  '), ['id', '  abcdef', '  ghijkl', '  mnop']);
  assert.deepEqual(wrapText('', 10), ['']);
});
