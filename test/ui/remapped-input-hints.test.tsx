// Where text is typed — a form, the purge prompt's name, the filter — the keys that send,
// cancel and open $EDITOR are the keymap's input.* commands: remapped in the config file, the
// hints name the new keys and the prompts answer to them (not to Enter and Esc any more).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keymapFromConfig } from '../helpers/keymap-from-config.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const flat = (frame: string) => frame.replace(/[│╭╮╰╯─\n]/g, ' ').replace(/\s+/g, ' ');
const CTRL = { b: '\u0002', d: '\u0004', g: '\u0007', o: '\u000f' };

describe('typed-text prompts name the remapped input keys and answer to them', () => {
  let t: UiHarness;
  before(async () => {
    const keymap = keymapFromConfig({ 'input.send': ['ctrl+d'], 'input.cancel': ['ctrl+g'], 'input.editor': ['ctrl+o'], back: ['ctrl+b'] });
    t = await startUi({ columns: 100, rows: 30, keymap, store: { operationIntervalMs: 10 } });
    await t.waitFor((f) => f.includes('acr-pull-token') && /\d items · /.test(f), 20_000);
  });
  after(() => t.stop());

  it('the form footer and the value hint name ^D send, ^G cancel and ^O $EDITOR; Enter no longer sends, ^D does', async () => {
    await t.press('n');
    const form = await t.waitFor((f) => f.includes('New secret'));
    assert.match(flat(form), /\^O \$EDITOR \^D send \^G cancel/);
    assert.ok(!/Enter send|Esc cancel/.test(flat(form)), 'no fixed Enter/Esc left in the footer');
    await t.type('remapped-one');
    await t.press('tab');
    const onValue = await t.waitFor((f) => f.includes('▸ value'));
    assert.match(flat(onValue), /one line here; \^O for \$EDITOR/);
    await t.type('v1');
    await t.press('return');
    assert.equal(t.data.store.getSnapshot().operations.length, 0, 'Enter is not send any more');
    await t.press(CTRL.d);
    await t.waitFor((f) => f.includes('› remapped-one') && !f.includes('New secret'), 10_000);
  });

  it('^G closes a form', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.press(CTRL.g);
    await t.waitFor((f) => !f.includes('New secret'));
  });

  it('the purge prompt names ^D confirm and ^G cancel, and ^G to give up after a wrong name', async () => {
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret remapped-one?'));
    await t.press('p');
    const prompt = await t.waitFor((f) => f.includes('Type the name remapped-one'));
    assert.match(flat(prompt), /\^D confirm \^G cancel/);
    await t.type('wrong');
    await t.press(CTRL.d);
    const wrong = await t.waitFor((f) => f.includes('That is not the name'));
    assert.match(flat(wrong), /or \^G to give up\./);
    await t.press(CTRL.g);
    await t.waitFor((f) => !f.includes('Type the name'));
    assert.ok(!t.data.store.getSnapshot().operations.some((o) => o.kind !== 'create'), 'nothing was deleted');
  });

  it('the filter says ^G clears while typing and ^B (back) once accepted', async () => {
    await t.press('/');
    await t.type('qqqqq');
    const typing = await t.waitFor((f) => f.includes('nothing matches /qqqqq'));
    assert.match(flat(typing), /nothing matches \/qqqqq \(\^G clears\)/);
    await t.press(CTRL.d);
    const accepted = await t.waitFor((f) => f.includes('(^B clears)'));
    assert.match(flat(accepted), /nothing matches \/qqqqq \(\^B clears\)/);
    await t.press(CTRL.b);
    await t.waitFor((f) => !f.includes('nothing matches') && f.includes('acr-pull-token'));
  });
});
