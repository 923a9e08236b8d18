// Details and hints fit: labels never run into values, hints show only keys that work in the
// focused pane and view, ambiguous pairs say what differs, --no-color still marks expiry and
// focus, and sort is per pane, keeps the cursor on its item and can be reversed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_WIDTH, field, wrapLines } from '../../src/ui/detail-lines.js';
import { defaultKeymap } from '../../src/ui/keymap.js';
import type { Context } from '../../src/ui/keymap.js';
import { keyHints } from '../../src/ui/status-line.js';
import { plainTheme } from '../../src/ui/theme.js';
import { startUi } from '../helpers/ui-harness.js';

test('a label longer than its column gets its own line: never cut, never run into the value', () => {
  const lines = wrapLines([field('rotation-days', '30'), field('validity (months)', '12'), field('env', 'prod')], 60);
  const shown = lines.map((l) => (l.kind === 'field' ? `${l.label.padEnd(LABEL_WIDTH - 1)}${l.value}` : l.kind === 'text' ? l.text : ''));
  assert.deepEqual(shown, [`${'rotation-days'.padEnd(LABEL_WIDTH - 1)}30`, 'validity (months)', `${''.padEnd(LABEL_WIDTH - 1)}12`, `${'env'.padEnd(LABEL_WIDTH - 1)}prod`]);
  assert.ok(shown[0].startsWith('rotation-days 30'.slice(0, 14)), 'a space between label and value');
});

test('hints at 80 columns: the deleted view offers u and P, the live view does not; n and N say what differs', () => {
  const live: Context[] = ['list', 'live', 'items', 'secret'];
  const deleted: Context[] = ['list', 'deleted', 'items'];
  const liveHints = keyHints(defaultKeymap, live, 79, false);
  const deletedHints = keyHints(defaultKeymap, deleted, 79, false);
  assert.match(deletedHints, /u recover/);
  assert.match(deletedHints, /P purge/);
  assert.doesNotMatch(liveHints, /u recover|P purge/);
  assert.doesNotMatch(deletedHints, /n new|e edit|d delete/);
  const wide = keyHints(defaultKeymap, live, 300, false);
  assert.match(wide, /n new {2}N new version/);
  assert.match(wide, /D deleted view/);
});

test('--no-color: an expired row is marked and the focused pane has a double border', async () => {
  const t = await startUi({ columns: 100, rows: 30, theme: plainTheme });
  try {
    const frame = await t.waitFor((f) => f.includes('admin-portal-sql-connection-string'));
    assert.match(frame, /admin-portal-sql-connection-string .*✗2mo ago/);
    assert.match(frame, /admin-portal-redis-key .*!in 8d/);
    assert.match(frame, /╔═+╗/, 'the focused items pane');
    await t.press('1');
    // Focus moves to the vaults pane: its border doubles, the items pane's is single again.
    await t.waitFor((f) => (f.split('\n')[1] ?? '').startsWith('╔') && (f.split('\n')[1] ?? '').includes('╭'));
  } finally {
    await t.stop();
  }
});

test('sort keeps the cursor on its item, can be reversed, and each pane keeps its own', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token') && /\d items · by name/.test(f));
    await t.press('j', 'j', 'j', 'j');
    await t.waitFor((f) => f.includes('› admin-portal-db-password'));
    await t.press('s');
    const byUpdated = await t.waitFor((f) => f.includes('· by updated'));
    assert.match(byUpdated, /› admin-portal-db-password/, 'the cursor stayed on its item');
    await t.press('S');
    const reversed = await t.waitFor((f) => f.includes('· by updated ↑'));
    assert.match(reversed, /› admin-portal-db-password/);
    await t.press('2');
    await t.waitFor((f) => f.includes('contoso-prod ▸ keys') && f.includes('· by name'));
    await t.press('3');
    await t.waitFor((f) => f.includes('contoso-prod ▸ secrets') && f.includes('· by updated ↑'));
  } finally {
    await t.stop();
  }
});
