// loadPages: the next page is requested before the current one is handed over, so whatever
// the page causes downstream (snapshot updates, renders) never delays the next request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPages } from '../../src/store/collection-loader.js';
import type { Page } from '../../src/store/vault-session.js';

function page(n: number): Page {
  return { items: [{ kind: 'secrets', id: `https://v/secrets/s${n}`, name: `s${n}`, vaultUrl: 'https://v', tags: {} }] };
}

test('the next page is requested before the current page is handed over', async () => {
  const events: string[] = [];
  async function* pages(): AsyncGenerator<Page> {
    for (let n = 1; n <= 3; n++) {
      events.push(`request ${n}`);
      await new Promise((r) => setImmediate(r));
      yield page(n);
    }
    events.push('request end');
  }
  const end = await loadPages(pages(), new AbortController().signal, (p) => events.push(`page ${p.items[0].name}`));
  assert.equal(end, 'complete');
  assert.deepEqual(events, ['request 1', 'request 2', 'page s1', 'request 3', 'page s2', 'request end', 'page s3']);
});

test('a page handler that blocks does not hold back the request already made', async () => {
  const requested: number[] = [];
  let handled = 0;
  async function* pages(): AsyncGenerator<Page> {
    for (let n = 1; n <= 2; n++) {
      requested.push(n);
      yield page(n);
    }
  }
  await loadPages(pages(), new AbortController().signal, () => {
    handled++;
    // While the first page is being handled (a slow render), page 2 is already asked for.
    if (handled === 1) assert.deepEqual(requested, [1, 2]);
  });
  assert.equal(handled, 2);
});

test('aborting stops at once and drops the page in flight', async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  async function* pages(): AsyncGenerator<Page> {
    yield page(1);
    await new Promise((r) => setTimeout(r, 20));
    yield page(2);
  }
  const end = await loadPages(pages(), controller.signal, (p) => {
    seen.push(p.items[0].name);
    controller.abort();
  });
  assert.equal(end, 'aborted');
  assert.deepEqual(seen, ['s1']);
});
