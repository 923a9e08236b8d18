// A reveal in flight shows "revealing…" in place of the hidden value (the store marks it in
// `revealing`), then the value; the marker goes once the value arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

test('v on a slow vault shows "revealing…" until the value arrives', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'), 20_000);
    await t.press('return');
    await t.waitFor((f) => f.includes('v reveals') && f.includes('Versions ('), 10_000);
    // The value's GET stays unanswered until released (a gate, not a 1.5 s latency to beat).
    const held = t.data.emulator.gates.hold({ operation: 'request', method: 'GET', path: '/secrets/acr-pull-token/*' });
    await t.press('v');
    await t.waitFor((f) => f.includes('revealing…') && !f.includes('v reveals'), 5_000);
    assert.ok(t.data.store.getSnapshot().revealing, 'the store says a reveal is in flight');
    held.release();
    await t.waitFor((f) => f.includes('hidden again in') && !f.includes('revealing…'), 10_000);
    assert.equal(t.data.store.getSnapshot().revealing, undefined);
  } finally {
    await t.stop();
  }
});
