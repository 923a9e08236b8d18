// The wide layout previews the row under the cursor once it rests there (no Enter); holding j
// loads only where it stops; narrow layouts load details only when an item is opened.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import { PREVIEW_DELAY_MS } from '../../src/ui/explorer.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);
/** The details pane (right of the list) has `name` as its heading and its versions listed. */
const detailsOf = (name: string) => (f: string) => f.includes(`││ ${name}  `) && f.includes('Versions (');

/** The secret names whose details (get, versions) were asked for. */
function detailNames(requests: readonly RequestLogEntry[]): string[] {
  return requests.flatMap((r) => /^\/secrets\/([^/]+)/.exec(r.path)?.[1] ?? []);
}

test('at 140x40 resting on a row shows its details without Enter; the list keeps the keys', async () => {
  const t = await startUi({ columns: 140, rows: 40 });
  try {
    await t.waitFor(loaded);
    await t.waitFor(detailsOf('acr-pull-token'));
    await t.press('j');
    const frame = await t.waitFor(detailsOf('admin-portal-api-key'));
    assert.match(frame, /hidden · v reveals/);
    await t.press('j');
    await t.waitFor((f) => f.includes('› admin-portal-client-secret') && detailsOf('admin-portal-client-secret')(f));
  } finally {
    await t.stop();
  }
});

test('holding j across 10 rows at 140x40 asks for details only where it stops', async () => {
  const requests: RequestLogEntry[] = [];
  const t = await startUi({ columns: 140, rows: 40, emulator: { onRequest: (r) => requests.push(r) } });
  try {
    await t.waitFor(loaded);
    await t.waitFor(detailsOf('acr-pull-token'));
    // The first row's details and every page of its versions are in before j is held.
    await t.data.until((s) => Object.values(s.details).some((d) => d.item?.name === 'acr-pull-token' && d.status === 'complete' && d.versions.status === 'complete'), 'the first row loaded');
    const before = requests.length;
    // The preview waits for the cursor to rest PREVIEW_DELAY_MS; on a loaded machine two key
    // presses can be further apart than that. The app's timers stand still while j is held
    // and move on once it is let go, so "held" does not depend on how fast the machine is.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      for (let i = 0; i < 10; i++) await t.press('j');
      mock.timers.tick(PREVIEW_DELAY_MS);
    } finally {
      mock.timers.reset();
    }
    const names = () => [...new Set(detailNames(requests.slice(before)))];
    await t.waitFor(() => names().length > 0);
    const [stop] = names();
    await t.waitFor((f) => f.includes(`› ${stop}`) && detailsOf(stop)(f));
    assert.deepEqual(names(), [stop], 'one item asked about');
    const item = t.data.store.getSnapshot().details;
    assert.equal(Object.keys(item).length, 2, 'details held for the first row and where j stopped only');
  } finally {
    await t.stop();
  }
});

test('at 80x24 moving through the list loads no details until Enter', async () => {
  const requests: RequestLogEntry[] = [];
  const t = await startUi({ columns: 80, rows: 24, emulator: { onRequest: (r) => requests.push(r) } });
  try {
    await t.waitFor(loaded);
    await t.press('j');
    await t.press('j');
    await t.waitFor((f) => f.includes('› admin-portal-client'));
    // Rest there longer than a preview waits: a refresh the emulator answers slowly.
    t.data.emulator.faults.set({ latencyMs: 400 });
    const lists = () => requests.filter((r) => r.path === '/secrets' || r.path === '/secrets/').length;
    const listed = lists();
    await t.press('R');
    await t.waitFor(() => lists() > listed, 10_000);
    t.data.emulator.faults.set({});
    // Barrier: a details request sent meanwhile would be answered and logged by now.
    await t.data.emulator.idle();
    assert.deepEqual(detailNames(requests), []);
    assert.deepEqual(Object.keys(t.data.store.getSnapshot().details), []);
    await t.press('return');
    await t.waitFor((f) => f.includes('Versions ('));
    assert.ok(detailNames(requests).every((n) => n.startsWith('admin-portal-client')), detailNames(requests).join());
  } finally {
    await t.stop();
  }
});
