import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLUMN_GAP, layoutColumns } from '../../src/ui/columns.js';

const total = (cols: { width: number }[]) => cols.reduce((s, c) => s + c.width, 0) + COLUMN_GAP * (cols.length - 1);

test('at 80 columns a list shows name, type, enabled and expiry within its width', () => {
  const cols = layoutColumns('secrets', false, 76);
  assert.deepEqual(cols.map((c) => c.id), ['name', 'type', 'enabled', 'updated', 'expires']);
  assert.ok(total(cols) <= 76);
  assert.ok(cols[0].width >= 16);
});

test('narrow lists drop columns, keeping the name and the expiry longest', () => {
  assert.deepEqual(layoutColumns('secrets', false, 30).map((c) => c.id), ['name', 'enabled', 'expires']);
  assert.deepEqual(layoutColumns('secrets', false, 18).map((c) => c.id), ['name']);
});

test('wider terminals give the type column more room', () => {
  const wide = layoutColumns('certificates', false, 140);
  assert.equal(wide.find((c) => c.id === 'type')?.title, 'ISSUER');
  assert.ok((wide.find((c) => c.id === 'type')?.width ?? 0) > (layoutColumns('certificates', false, 76).find((c) => c.id === 'type')?.width ?? 0));
  assert.equal(total(wide), 140);
});

test('the deleted view shows when items were deleted and will be purged', () => {
  const ids = layoutColumns('keys', true, 76).map((c) => c.id);
  assert.ok(ids.includes('deleted') && ids.includes('purge'));
});
