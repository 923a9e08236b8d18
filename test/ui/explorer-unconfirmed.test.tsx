// A delete the vault took but whose polls met 503s, through the explorer: the operations panel
// says what is known ("delete accepted; could not confirm: 503 — R re-checks") instead of
// "failed", and R re-checks once the vault answers, ending with the truth.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);
const flat = (f: string) => f.replace(/\s+/g, ' ');

describe('a delete whose confirmation fails, in the explorer', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 140, rows: 36, emulator: { deleteDelayMs: 50 }, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it('shows "delete accepted; could not confirm: 503 — R re-checks", never "failed", and R finds it deleted', async () => {
    await t.press(':');
    await t.type('filter acr-pull-token');
    await t.press('return');
    await t.waitFor((f) => f.includes('› acr-pull-token'), 10_000);
    t.data.emulator.faults.set({ errorRate: 1, only: { method: 'GET', path: '/deletedsecrets/*' } });
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    await t.press('y');
    const frame = await t.waitFor((f) => flat(f).includes('delete accepted; could not confirm: 503'), 15_000);
    assert.match(flat(frame), /\? delete secret contoso-prod\/acr-pull-token {1,2}delete accepted; could not confirm: 503[^—]*— R re-checks/);
    assert.doesNotMatch(frame, /failed/);
    t.data.emulator.faults.clear();
    await t.press('R');
    await t.waitFor((f) => /✓ delete secret contoso-prod\/acr-pull-token {2}deleted/.test(f), 15_000);
  });
});
