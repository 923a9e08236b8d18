// Splitting a chunk of input into keys: the pure splitter, and Ink's real parser feeding the
// shared hook (escape sequences stay whole, text runs become one key per character).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useState } from 'react';
import { Text } from 'ink';
import { PLAIN, splitKeys } from '../../src/ui/split-keys.js';
import { keyName } from '../../src/ui/keymap.js';
import { useKeyInput } from '../../src/ui/use-key-input.js';
import { renderTui } from '../helpers/render-harness.js';

const names = (input: string, key = PLAIN) => splitKeys(input, key).map((p) => keyName(p.input, p.key));

describe('splitKeys', () => {
  it('splits a text run into one key per character, Enter, Tab and Backspace included', () => {
    assert.deepEqual(names('name\r'), ['n', 'a', 'm', 'e', 'return']);
    assert.deepEqual(names('a\tb\n'), ['a', 'tab', 'b', 'return']);
    assert.deepEqual(names('ab\u007fc\b'), ['a', 'b', 'backspace', 'c', 'backspace']);
    assert.deepEqual(names('jJ'), ['j', 'J']);
    assert.equal(splitKeys('jJ', PLAIN)[1].key.shift, true);
  });

  it('gives a control character inside text its Ctrl name (Ctrl-E) and keeps astral characters whole', () => {
    assert.deepEqual(names('x\u0005'), ['x', 'ctrl+e']);
    assert.deepEqual(names('a🔑b'), ['a', '🔑', 'b']);
  });

  it('leaves a key Ink already named, a modified key and a single character alone', () => {
    assert.deepEqual(names('', { ...PLAIN, downArrow: true }), ['down']);
    assert.deepEqual(names('', { ...PLAIN, tab: true, shift: true }), ['shift+tab']);
    assert.deepEqual(names('e', { ...PLAIN, ctrl: true }), ['ctrl+e']);
    assert.deepEqual(names('\r', { ...PLAIN, return: true }), ['return']);
    assert.deepEqual(names('x'), ['x']);
    assert.deepEqual(splitKeys('', PLAIN), [{ input: '', key: PLAIN }]);
  });
});

function Recorder() {
  const [seen, setSeen] = useState<string[]>([]);
  // A pasted newline is drawn as ⏎ so the frame shows where it was.
  useKeyInput((input, key) => setSeen((s) => [...s, keyName(input, key).replace(/\r|\n/g, '⏎')]));
  return <Text>keys: {seen.join(' ')}.</Text>;
}

describe('Esc and the key after it in one chunk (meta+key)', () => {
  it('an unbound meta key is Esc, then the key', () => {
    assert.deepEqual(names('q', { ...PLAIN, meta: true }), ['escape', 'q']);
    assert.deepEqual(names('J', { ...PLAIN, meta: true, shift: true }), ['escape', 'J']);
    assert.deepEqual(names('', { ...PLAIN, meta: true, return: true }), ['escape', 'return']);
    assert.deepEqual(names('', { ...PLAIN, meta: true, escape: true }), ['escape', 'escape']);
    assert.deepEqual(names('c', { ...PLAIN, meta: true, ctrl: true }), ['escape', 'ctrl+c']);
  });

  it('a meta key the keymap binds stays one key', () => {
    const bound = (press: { input: string }) => press.input === 'x';
    assert.deepEqual(splitKeys('x', { ...PLAIN, meta: true }, bound).map((p) => keyName(p.input, p.key)), ['meta+x']);
    assert.deepEqual(splitKeys('j', { ...PLAIN, meta: true }, bound).map((p) => keyName(p.input, p.key)), ['escape', 'j']);
  });

  it('Ink\'s parser: "\\x1bj" and "\\x1bq" each arrive as Esc then the letter; "\\x1bjk" as Esc, j, k', async () => {
    const t = renderTui(<Recorder />, { columns: 100, rows: 5 });
    try {
      await t.waitFor((f) => f.includes('keys: .'));
      await t.pressChunk('\u001bj');
      await t.pressChunk('\u001bq');
      await t.pressChunk('\u001bjk');
      const frame = await t.waitFor((f) => f.includes('k.'));
      assert.ok(frame.includes('keys: escape j escape q escape j k.'), frame);
    } finally {
      t.unmount();
    }
  });
});

describe('useKeyInput through Ink', () => {
  it('a chunk mixing text, Enter, Tab, Backspace and escape sequences arrives as the keys in order', async () => {
    const t = renderTui(<Recorder />, { columns: 100, rows: 5 });
    try {
      await t.waitFor((f) => f.includes('keys: .'));
      await t.pressChunk('ab\u001b[Bc\r\td\u007fe\u001b[Z\u001b[3~f');
      const frame = await t.waitFor((f) => f.includes('f.'));
      assert.ok(frame.includes('keys: a b down c return tab d backspace e shift+tab delete f.'), frame);
    } finally {
      t.unmount();
    }
  });

  it('ESC then [ and more in one chunk is one sequence (an arrow), not Esc and text', async () => {
    const t = renderTui(<Recorder />, { columns: 100, rows: 5 });
    try {
      await t.waitFor((f) => f.includes('keys: .'));
      await t.pressChunk('\u001b[A\u001b[Dx');
      const frame = await t.waitFor((f) => f.includes('x.'));
      assert.ok(frame.includes('keys: up left x.'), frame);
      assert.ok(!frame.includes('['), frame);
    } finally {
      t.unmount();
    }
  });

  it('bracketed paste arrives as one piece of text: a pasted newline does not press Enter', async () => {
    const t = renderTui(<Recorder />, { columns: 100, rows: 5 });
    try {
      await t.waitFor((f) => f.includes('keys: .'));
      await t.pressChunk('\u001b[200~line one\rtwo\u001b[201~z');
      const frame = await t.waitFor((f) => f.includes('z.'));
      assert.ok(frame.includes('keys: line one⏎two z.'), frame);
    } finally {
      t.unmount();
    }
  });
});
