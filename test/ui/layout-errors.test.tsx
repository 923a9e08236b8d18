import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fits, startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token');

test('at 80x24 the vaults become a strip, nothing overflows, and details replace the list', async () => {
  const t = await startUi({ columns: 80, rows: 24 });
  try {
    const frame = await t.waitFor(loaded);
    assert.match(frame, /1 Vaults: contoso-prod +contoso-dev/);
    assert.equal(fits(frame, 80, 24), undefined);
    await t.press('return');
    const details = await t.waitFor((f) => f.includes('Versions ('));
    assert.ok(!details.includes('NAME'));
    assert.equal(fits(details, 80, 24), undefined);
    await t.press('escape');
    await t.waitFor((f) => f.includes('NAME') && !f.includes('Versions ('));
  } finally {
    await t.stop();
  }
});

test('resizing reflows: 80x24 → 160x48 shows three panes and more columns → 100x30', async () => {
  const t = await startUi({ columns: 80, rows: 24 });
  try {
    await t.waitFor(loaded);
    await t.resize(160, 48);
    // The wide layout previews the selected row in a third pane.
    const wide = await t.waitFor((f) => f.includes('Versions ('));
    assert.equal(fits(wide, 160, 48), undefined);
    assert.match(wide, /1 Vaults +│/);
    await t.resize(100, 30);
    const medium = await t.waitFor((f) => !f.includes('Versions (') && f.split('\n').length <= 30);
    assert.equal(fits(medium, 100, 30), undefined);
  } finally {
    await t.stop();
  }
});

test('a 403 on secrets is shown in that pane with the missing permission; keys still load', async () => {
  const t = await startUi({ columns: 100, rows: 30, emulator: { faults: { forbidden: ['secrets/list'] } } });
  try {
    const frame = await t.waitFor((f) => f.includes('403'));
    assert.match(frame, /missing 'list' permission on secrets/);
    assert.ok(!/\s+at \S+ \(/.test(frame), 'no stack trace');
    await t.press('2');
    await t.waitFor((f) => f.includes('archive-signing-4096'));
  } finally {
    await t.stop();
  }
});

test('a network failure shows the error and R retries', async () => {
  const t = await startUi({ columns: 100, rows: 30, emulator: { faults: { resetRate: 1 } } });
  try {
    await t.waitFor((f) => f.includes('R retries'));
    t.data.emulator.faults.set({});
    await t.press('R');
    await t.waitFor(loaded);
  } finally {
    await t.stop();
  }
});

test('v reveals a secret value with control characters escaped, and v hides it again', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded);
    await t.press('return');
    await t.waitFor((f) => f.includes('v reveals') && f.includes('Versions ('));
    await t.press('v');
    const shown = await t.waitFor((f) => f.includes('hidden again in'));
    const value = shown.split('\n')[shown.split('\n').findIndex((l) => l.includes('hidden again in')) + 1];
    assert.ok(value && !value.includes('v reveals'));
    await t.press('v');
    await t.waitFor((f) => f.includes('v reveals') && !f.includes('hidden again in'));
    // Leaving the item hides the value too.
    await t.press('v');
    await t.waitFor((f) => f.includes('hidden again in'));
    await t.press('escape');
    await t.waitFor((f) => f.includes('NAME'));
    assert.equal(t.data.store.getSnapshot().revealed, undefined);
  } finally {
    await t.stop();
  }
});
