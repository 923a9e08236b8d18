import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultKeymap, describeBinding, displayKey, keyName, remap, resolveCommand } from '../../src/ui/keymap.js';

test('the default keymap has the keys of DESIGN.md §5, each command once', () => {
  const ids = defaultKeymap.map((b) => b.command);
  assert.equal(new Set(ids).size, ids.length);
  const keys = new Map(defaultKeymap.map((b) => [b.command, b.keys]));
  assert.deepEqual(keys.get('move.down'), ['j', 'down']);
  assert.deepEqual(keys.get('quit'), ['q', 'ctrl+c']);
  assert.deepEqual(keys.get('item.purge'), ['P']);
  assert.deepEqual(keys.get('deleted.toggle'), ['D']);
});

test('key names come from Ink key events', () => {
  assert.equal(keyName('', { downArrow: true }), 'down');
  assert.equal(keyName('', { tab: true, shift: true }), 'shift+tab');
  assert.equal(keyName('c', { ctrl: true }), 'ctrl+c');
  assert.equal(keyName('G', { shift: true }), 'G');
  assert.equal(displayKey('ctrl+c'), '^C');
  assert.equal(displayKey('pagedown'), 'PgDn');
});

test('a key resolves to the most specific active binding', () => {
  assert.equal(resolveCommand(defaultKeymap, 'j', ['list', 'items'])?.command, 'move.down');
  assert.equal(resolveCommand(defaultKeymap, 'j', []), undefined);
  assert.equal(resolveCommand(defaultKeymap, 'c', ['operations'])?.command, 'operations.cancel');
  assert.equal(resolveCommand(defaultKeymap, 'c', ['list']), undefined);
  assert.equal(resolveCommand(defaultKeymap, 'q', [])?.command, 'quit');
});

test('remapping replaces keys by command id and reports unknown commands', () => {
  const { keymap, unknown } = remap(defaultKeymap, { 'move.down': ['n'], 'no.such': ['x'] });
  assert.deepEqual(unknown, ['no.such']);
  assert.equal(resolveCommand(keymap, 'n', ['list'])?.command, 'move.down');
  assert.equal(resolveCommand(keymap, 'j', ['list']), undefined);
});

test('a description names other commands by their key in this keymap; every {command} in the defaults is a command', () => {
  const filter = defaultKeymap.find((b) => b.command === 'filter')!;
  assert.equal(describeBinding(defaultKeymap, filter), 'filter the list (Esc clears)');
  assert.equal(describeBinding(remap(defaultKeymap, { back: ['ctrl+b'] }).keymap, filter), 'filter the list (^B clears)');
  const ids = new Set<string>(defaultKeymap.map((b) => b.command));
  for (const b of defaultKeymap) {
    for (const [, id] of b.description.matchAll(/\{([^}]*)\}/g)) assert.ok(ids.has(id), `${b.command}: {${id}} names no command`);
  }
});
