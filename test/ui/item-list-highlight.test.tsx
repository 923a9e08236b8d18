// The list highlights where the filter matches each row in view, computed from the query as
// the row is drawn (filtered rows carry no highlights of their own: list-filter.ts).
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

test('a name too long for its column is cut with "…", keeps the highlights of what is shown, and the next column stays aligned', () => {
  const long = item('orders-api-key-with-a-very-long-name-ending-in-pay');
  const wide = { ...item('日本語の名前-pay'), contentType: 'text/plain' };
  const short = { ...item('pay'), contentType: 'text/plain' };
  const frame = renderToString(
    <ItemList rows={[long, wide, short].map((i) => ({ item: i, indices: [] }))} cursor={0} kind="secrets" deleted={false} width={60} height={5} focused={false} now={0} theme={plainTheme} query="pay" />,
    { columns: 60 },
  );
  // eslint-disable-next-line no-control-regex -- the escapes are what is measured around
  const lines = frame.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
  const [header, first, second, third] = lines;
  assert.match(first, /orders-api-key-with-a-\S*…/, 'cut at the column with an ellipsis');
  assert.ok(!first.includes('ending-in-pay'));
  // The match, "pay" at the end of the name, is cut off: nothing shown is underlined.
  assert.deepEqual(underlined(frame.split('\n')[1]), []);
  assert.deepEqual(underlined(frame.split('\n')[3]), ['pay']);
  // Display width, not string length: the wide-character name pads to the same column.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
  const typeAt = (line: string) => width(line.slice(0, line.indexOf('text/plain')));
  assert.equal(typeAt(second), typeAt(third), `${second}\n${third}`);
  assert.equal(typeAt(third), header.indexOf('CONTENT TYPE'));
});
