import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveCursor, scrollOffset, visibleRange } from '../../src/ui/list-window.js';

test('moves stay inside the list', () => {
  assert.equal(moveCursor(0, 'move.up', 10, 5), 0);
  assert.equal(moveCursor(9, 'move.down', 10, 5), 9);
  assert.equal(moveCursor(3, 'move.bottom', 10, 5), 9);
  assert.equal(moveCursor(3, 'move.top', 10, 5), 0);
  assert.equal(moveCursor(0, 'move.pageDown', 100, 20), 19);
  assert.equal(moveCursor(50, 'move.pageUp', 100, 20), 31);
  assert.equal(moveCursor(5, 'move.down', 0, 5), 0);
});

test('the window moves only when the cursor would leave it', () => {
  assert.equal(scrollOffset(0, 5, 100, 10), 0);
  assert.equal(scrollOffset(0, 10, 100, 10), 1);
  assert.equal(scrollOffset(40, 45, 100, 10), 40);
  assert.equal(scrollOffset(40, 39, 100, 10), 39);
  assert.equal(scrollOffset(95, 99, 100, 10), 90);
  assert.equal(scrollOffset(7, 3, 5, 10), 0);
});

test('only the rows in view are in the range, even for 10,000 rows', () => {
  assert.deepEqual(visibleRange(9_990, 10_000, 16), { start: 9_990, end: 10_000 });
  assert.deepEqual(visibleRange(500, 10_000, 16), { start: 500, end: 516 });
  assert.deepEqual(visibleRange(0, 0, 16), { start: 0, end: 0 });
});
