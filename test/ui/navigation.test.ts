import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorOf, initialNav, navReducer } from '../../src/ui/navigation.js';
import type { NavAction, NavState } from '../../src/ui/navigation.js';

const run = (...actions: NavAction[]): NavState => actions.reduce(navReducer, initialNav);

test('each list keeps its own cursor across tab switches', () => {
  const s = run({ type: 'move', command: 'move.down', count: 10, page: 5 }, { type: 'kind', kind: 'keys' }, { type: 'kind', kind: 'secrets' });
  assert.equal(cursorOf(s), 1);
});

test('Esc steps back: version → latest → list → clears the filter', () => {
  let s = run({ type: 'filterText', text: 'db' }, { type: 'filterAccept' }, { type: 'open', id: 'a' }, { type: 'open', id: 'a', version: 'v1' });
  assert.equal(s.focus, 'details');
  s = navReducer(s, { type: 'back' });
  assert.deepEqual(s.opened, { id: 'a' });
  s = navReducer(s, { type: 'back' });
  assert.equal(s.opened, undefined);
  assert.equal(s.focus, 'items');
  assert.equal(s.filter, 'db');
  s = navReducer(s, { type: 'back' });
  assert.equal(s.filter, '');
});

test('Esc while typing a filter clears it; switching vaults leaves the filter and the opened item', () => {
  assert.equal(run({ type: 'filterStart' }, { type: 'filterText', text: 'x' }, { type: 'back' }).filter, '');
  const s = run({ type: 'filterSet', text: 'db' }, { type: 'open', id: 'a' }, { type: 'vault', index: 1 });
  assert.equal(s.filter, '');
  assert.equal(s.opened, undefined);
});

test('Tab cycles through the panes, including details only when an item is open', () => {
  assert.equal(run({ type: 'cyclePane', direction: 1 }).focus, 'vaults');
  assert.equal(run({ type: 'open', id: 'a' }, { type: 'cyclePane', direction: 1 }).focus, 'vaults');
  assert.equal(run({ type: 'open', id: 'a' }, { type: 'cyclePane', direction: -1 }).focus, 'items');
});

test('moving in the vaults pane picks the vault', () => {
  const s = run({ type: 'focus', pane: 'vaults' }, { type: 'move', command: 'move.bottom', count: 3, page: 5 });
  assert.equal(s.vault, 2);
});
