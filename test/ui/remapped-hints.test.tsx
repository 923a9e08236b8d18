// Keys are data all the way: a remap in the config file changes the keys the dialogs answer
// to and every hint that names them — the delete dialog's keys and recovery text, and the
// store's conflict advice (which the store gives as actions, not keys).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keymapFromConfig } from '../helpers/keymap-from-config.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const flat = (frame: string) => frame.replace(/[│\n]/g, ' ').replace(/\s+/g, ' ');

describe('hints follow the keymap from the config file', () => {
  let t: UiHarness;
  before(async () => {
    const keymap = keymapFromConfig({ 'dialog.yes': ['a', 'return'], 'dialog.no': ['b', 'escape'], 'deleted.toggle': ['T'], 'item.recover': ['U'], 'item.purge': ['X'], 'clipboard.clear': ['ctrl+x'] });
    t = await startUi({ columns: 100, rows: 30, keymap, emulator: { deleteDelayMs: 50 }, store: { operationIntervalMs: 10 } });
    await t.waitFor((f) => f.includes('acr-pull-token') && /\d items · /.test(f), 20_000);
  });
  after(() => t.stop());

  it('the delete dialog names the remapped keys and answers to them', async () => {
    await t.press('g', 'd');
    const frame = await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    assert.match(flat(frame), /T shows deleted items, U recovers\./);
    assert.match(flat(frame), /a\/Enter delete p delete and purge \(asks for the name\) b\/Esc keep it/);
    await t.press('n');
    assert.ok(t.lastFrame().includes('Delete secret acr-pull-token?'), 'n is no longer "no"');
    await t.press('b');
    await t.waitFor((f) => !f.includes('Delete secret'));
  });

  it('the 409 advice on a name held by a deleted secret names the remapped keys', async () => {
    const url = t.data.emulator.vaults[0].url;
    const made = t.data.store.createSecret({ vault: url, name: 'held-name', value: 'x' });
    await t.data.until((s) => s.operations.find((o) => o.id === made)?.state === 'succeeded', 'create');
    const gone = t.data.store.deleteItem({ kind: 'secrets', name: 'held-name', vaultUrl: url });
    await t.data.until((s) => s.operations.find((o) => o.id === gone)?.state === 'succeeded', 'delete');
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('held-name');
    await t.press('tab');
    await t.type('again');
    await t.press('return');
    const frame = await t.waitFor((f) => flat(f).includes('purges)'), 10_000);
    assert.ok(flat(frame).includes('recover it or purge it before creating it again (T shows deleted items, then U recovers, X purges)'), frame);
    await t.press('escape');
  });
});
