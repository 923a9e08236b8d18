import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKeymap, remap } from '../../src/ui/keymap.js';
import { isKnownKeyName, keymapProblems } from '../../src/ui/keymap-check.js';

function problemsFor(overrides: Record<string, string[]>): string[] {
  return keymapProblems(remap(defaultKeymap, overrides).keymap, Object.keys(overrides));
}

test('key names kvx can receive are known; made-up ones are not', () => {
  for (const name of ['j', 'G', '?', '/', ':', 'é', 'down', 'pageup', 'shift+tab', 'return', 'ctrl+e', 'meta+x']) {
    assert.ok(isKnownKeyName(name), name);
  }
  for (const name of ['ctrl+alt+banana', 'banana', 'ctrl+', 'ctrl+ab', 'shift+g', 'Down', '', 'jj', '\u001b', '\u200b', 'meta+']) {
    assert.ok(!isKnownKeyName(name), JSON.stringify(name));
  }
});

test('an unknown key name is refused, naming the command and the allowed forms', () => {
  const problems = problemsFor({ 'move.down': ['ctrl+alt+banana'] });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /"keys\.move\.down": "ctrl\+alt\+banana" is not a key name; use one character/);
  assert.match(problems[0], /ctrl\+LETTER/);
});

test('a key that shadows another command where both apply is refused ({"reveal": ["q"]} would stop q quitting)', () => {
  const problems = problemsFor({ reveal: ['q'] });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /"keys\.reveal": "q" is already the key of "quit" \(quit\)/);
  assert.match(problemsFor({ 'move.down': ['k'] })[0], /already the key of "move\.up"/);
});

test('moving the other command off the key, swapping keys, or keys in contexts never active together are accepted', () => {
  assert.deepEqual(problemsFor({ reveal: ['q'], quit: ['ctrl+c'] }), []);
  assert.deepEqual(problemsFor({ 'move.down': ['k'], 'move.up': ['j'] }), []);
  // operations.cancel applies in the operations pane, key.rotate on a key: never at once.
  assert.deepEqual(problemsFor({ 'key.rotate': ['c'] }), []);
  // certificate.import (certificate) and item.newVersion (secret) cannot both apply.
  assert.deepEqual(problemsFor({ 'certificate.import': ['N'] }), []);
});

test('restating every default binding in the config is accepted', () => {
  const all = Object.fromEntries(defaultKeymap.map((b) => [b.command, [...b.keys]]));
  assert.deepEqual(keymapProblems(remap(defaultKeymap, all).keymap, Object.keys(all)), []);
});

test('a conflict between two changed commands is reported once', () => {
  const problems = problemsFor({ reveal: ['z'], copy: ['z'] });
  assert.equal(problems.length, 1);
});

test('dialog keys may reuse the panes\' keys, but not each other\'s or quit\'s', () => {
  const ok = remap(defaultKeymap, { 'dialog.yes': ['j', 'return'] });
  assert.deepEqual(keymapProblems(ok.keymap, ['dialog.yes']), []);
  const clash = remap(defaultKeymap, { 'dialog.wait': ['n'] });
  assert.equal(keymapProblems(clash.keymap, ['dialog.wait']).length, 1);
  const quit = remap(defaultKeymap, { 'dialog.wait': ['q'] });
  assert.match(keymapProblems(quit.keymap, ['dialog.wait'])[0] ?? '', /"q" is already the key of "quit"/);
});

test('the keys that send or cancel typed text cannot be typed characters or the editing keys, and may reuse the panes\' keys', () => {
  const typed = problemsFor({ 'input.send': ['s'] });
  assert.equal(typed.length, 1);
  assert.match(typed[0], /"keys\.input\.send": "s" cannot be used here: forms and prompts take it as typed text; use one of pageup, pagedown, return, escape or ctrl\+LETTER/);
  assert.match(problemsFor({ 'input.cancel': ['tab'] })[0] ?? '', /forms and prompts use it for editing/);
  assert.match(problemsFor({ 'input.editor': ['ctrl+w'] })[0] ?? '', /forms and prompts use it for editing/);
  // Escape is also back, return also open: an input never runs beside a pane's keys.
  assert.deepEqual(problemsFor({ 'input.send': ['ctrl+d', 'return'], 'input.cancel': ['ctrl+g'], back: ['escape', 'ctrl+b'] }), []);
});
