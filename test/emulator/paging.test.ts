import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceError } from '../../src/emulator/errors.js';
import { paginate, sortedArrayCursor } from '../../src/emulator/paging.js';

const items = Array.from({ length: 12 }, (_, i) => `item-${String(i).padStart(2, '0')}`);

function page(query: string, list: readonly string[] = items) {
  return paginate(sortedArrayCursor(list, (s) => s), (s) => ({ id: s }), {
    query: new URLSearchParams(query),
    vaultUrl: 'https://127.0.0.1:8443',
    path: '/widgets',
    apiVersion: '7.4',
  });
}

test('pages follow absolute nextLinks with a skiptoken until nextLink is null', () => {
  const seen: string[] = [];
  let query = 'maxresults=5';
  for (;;) {
    const p = page(query);
    seen.push(...p.value.map((v) => v.id));
    if (p.nextLink === null) break;
    const next = new URL(p.nextLink);
    assert.equal(next.origin + next.pathname, 'https://127.0.0.1:8443/widgets');
    assert.equal(next.searchParams.get('api-version'), '7.4');
    assert.equal(next.searchParams.get('maxresults'), '5');
    query = next.search.slice(1);
  }
  assert.deepEqual(seen, items);
});

test('the default page size is 25', () => {
  const many = Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0'));
  const first = page('', many);
  assert.equal(first.value.length, 25);
  assert.notEqual(first.nextLink, null);
});

test('a page continues after the last name it returned, even when items were added meanwhile', () => {
  const first = page('maxresults=3');
  const token = new URL(first.nextLink ?? '').searchParams.get('$skiptoken');
  const grown = ['aaa-new', ...items];
  const second = page(`maxresults=3&$skiptoken=${token}`, grown);
  assert.deepEqual(second.value.map((v) => v.id), ['item-03', 'item-04', 'item-05']);
});

test('maxresults outside 1..25 and a bad skiptoken are 400 saying what is allowed', () => {
  for (const bad of ['0', '26', '2.5', 'ten']) {
    assert.throws(() => page(`maxresults=${bad}`), (err: ServiceError) => err.status === 400 && /from 1 to 25/.test(err.message));
  }
  assert.throws(() => page('$skiptoken=garbage!'), (err: ServiceError) => err.status === 400 && /nextLink/.test(err.message));
});

test('an empty list is one page with a null nextLink', () => {
  assert.deepEqual(page('', []), { value: [], nextLink: null });
});

test('every query parameter that shapes the list survives into the nextLink', () => {
  const p = page('api-version=7.4-preview.1&includePending=true&maxresults=2');
  const next = new URL(p.nextLink ?? '');
  assert.equal(next.searchParams.get('includePending'), 'true');
  assert.equal(next.searchParams.get('api-version'), '7.4-preview.1');
  assert.equal(next.searchParams.getAll('$skiptoken').length, 1);
  const second = new URL(page(next.search.slice(1)).nextLink ?? '');
  assert.equal(second.searchParams.get('includePending'), 'true');
  assert.equal(second.searchParams.getAll('maxresults').join(), '2');
});

test('a filtered walk skips what the filter refuses and still pages to the end', () => {
  const seen: string[] = [];
  let query = 'maxresults=2';
  for (let i = 0; i < 20; i++) {
    const p = paginate(sortedArrayCursor(items, (s) => s), (s) => s, { query: new URLSearchParams(query), vaultUrl: 'https://127.0.0.1:1', path: '/w', apiVersion: '7.4' }, (s) => Number(s.slice(-2)) % 3 === 0);
    seen.push(...p.value);
    if (p.nextLink === null) break;
    query = new URL(p.nextLink).search.slice(1);
  }
  assert.deepEqual(seen, items.filter((s) => Number(s.slice(-2)) % 3 === 0));
});
