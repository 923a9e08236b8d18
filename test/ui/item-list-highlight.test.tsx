// The list highlights where the filter matches each row in view, computed from the query as
// the row is drawn (filtered rows carry no highlights of their own: list-view.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ItemSummary } from '../../src/store/types.js';

// Colours decide at import whether to emit escapes: force them before Ink loads.
process.env.FORCE_COLOR = '1';
const { renderToString } = await import('ink');
const { ItemList } = await import('../../src/ui/item-list.js');
const { plainTheme } = await import('../../src/ui/theme.js');

const item = (name: string): ItemSummary => ({ kind: 'secrets', id: `https://v/secrets/${name}`, name, vaultUrl: 'https://v', tags: {} });
// eslint-disable-next-line no-control-regex -- reading the underline escapes is the point
const underlined = (frame: string) => [...frame.matchAll(/\u001b\[4m(.*?)\u001b\[24m/g)].map((m) => m[1].replace(/\u001b\[[0-9;]*m/g, ''));

function draw(query: string | undefined, rows: { item: ItemSummary; indices: readonly number[] }[]) {
  return renderToString(<ItemList rows={rows} cursor={0} kind="secrets" deleted={false} width={70} height={5} focused={false} now={0} theme={plainTheme} query={query} />, {
    columns: 70,
  });
}

test('rows in view underline (without colours) the characters the filter matched', () => {
  const frame = draw('pay', [{ item: item('payments-db-password'), indices: [] }, { item: item('p-api-key-y'), indices: [] }]);
  assert.deepEqual(underlined(frame), ['pay', 'p', 'a', 'y']);
});

test('without a query the rows show the highlights they carry, and none when they carry none', () => {
  assert.deepEqual(underlined(draw(undefined, [{ item: item('orders-api'), indices: [0, 1] }])), ['or']);
  assert.deepEqual(underlined(draw('', [{ item: item('orders-api'), indices: [] }])), []);
});
