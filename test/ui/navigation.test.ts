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
  const s = run({ type: 'filterSet', text: 'db' }, { type: 'open', id: 'a' }, { type: 'vault', url: 'https://b.vault.azure.net' });
  assert.equal(s.filter, '');
  assert.equal(s.opened, undefined);
});

test('Tab cycles through the panes, including details only when an item is open', () => {
  assert.equal(run({ type: 'cyclePane', direction: 1 }).focus, 'vaults');
  assert.equal(run({ type: 'open', id: 'a' }, { type: 'cyclePane', direction: 1 }).focus, 'vaults');
  assert.equal(run({ type: 'open', id: 'a' }, { type: 'cyclePane', direction: -1 }).focus, 'items');
});

const PANE = ['https://a.vault.azure.net', 'https://prod.vault.azure.net', 'https://prod.vault.azure.cn'];

test('moving in the vaults pane picks the vault by URL', () => {
  const s = run({ type: 'focus', pane: 'vaults' }, { type: 'move', command: 'move.bottom', count: 3, page: 5, vaults: PANE });
  assert.equal(s.vault, 'https://prod.vault.azure.cn');
});

test('the current vault stays the same vault when others arrive before it (discovery)', () => {
  let s = run({ type: 'focus', pane: 'vaults' }, { type: 'move', command: 'move.down', count: 3, page: 5, vaults: PANE });
  assert.equal(s.vault, 'https://prod.vault.azure.net');
  s = navReducer(s, { type: 'focus', pane: 'items' });
  s = navReducer(s, { type: 'move', command: 'move.down', count: 10, page: 5 });
  const cursor = cursorOf(s);
  // Two vaults arrive ahead of it in the pane: moving from it starts where it now is.
  const grown = ['https://new1.vault.azure.net', 'https://new2.vault.azure.net', ...PANE];
  assert.equal(s.vault, 'https://prod.vault.azure.net');
  assert.equal(cursorOf(s), cursor);
  s = navReducer({ ...s, focus: 'vaults' }, { type: 'move', command: 'move.down', count: 5, page: 5, vaults: grown });
  assert.equal(s.vault, 'https://prod.vault.azure.cn');
});
