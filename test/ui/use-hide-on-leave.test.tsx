// A revealed secret value is hidden when its item is left, in every layout: at 80x24 and 100
// columns details replace the list; at 120 and 160 columns the list previews the row under
// the cursor beside it, and going back to the list must hide the value too — Enter on the
// same item afterwards shows "v reveals", not the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token');

for (const [columns, rows] of [
  [80, 24],
  [100, 30],
  [120, 30],
  [160, 40],
] as const) {
  test(`${columns}x${rows}: v, Esc, Enter on the same secret shows it hidden, not the value`, async () => {
    const t = await startUi({ columns, rows });
    try {
      await t.waitFor(loaded, 20_000);
      await t.press('return');
      await t.waitFor((f) => f.includes('v reveals') && f.includes('Versions ('), 10_000);
      await t.press('v');
      await t.waitFor((f) => f.includes('hidden again in'), 10_000);
      const revealed = t.data.store.getSnapshot().revealed;
      assert.ok(revealed, 'the value was revealed');
      await t.press('escape');
      await t.data.until((s) => s.revealed === undefined, 'the value to be hidden on leaving');
      await t.waitFor((f) => !f.includes('hidden again in'), 10_000);
      await t.press('return');
      const frame = await t.waitFor((f) => f.includes('v reveals') && f.includes('Versions ('), 10_000);
      assert.ok(!frame.includes('hidden again in'));
      assert.ok(!frame.includes(revealed.value.slice(0, 12)), 'the value is not on screen');
    } finally {
      await t.stop();
    }
  });
}
