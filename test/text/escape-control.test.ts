import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControl } from '../../src/text/escape-control.js';

test('escape sequences from a vault are shown, not executed', () => {
  assert.equal(escapeControl('a\u001b]52;c;aGk=\u0007b'), 'a\\e]52;c;aGk=\\u{7}b');
  assert.equal(escapeControl('line1\nline2\ttab\r'), 'line1\\nline2\\ttab\\r');
  assert.equal(escapeControl('\u009b31m'), '\\u{9b}31m');
  assert.equal(escapeControl('evil\u202etxt'), 'evil\\u{202e}txt');
});

test('ordinary text, including non-ASCII, passes unchanged', () => {
  assert.equal(escapeControl('db-password ✓ Zürich 東京'), 'db-password ✓ Zürich 東京');
});
