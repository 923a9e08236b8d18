// Forms in the explorer edit like text fields (the cursor moves, ^U and ^W cut), Esc on a
// changed form asks before throwing the changes away, and Ctrl-C closes the form, not kvx.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UiHarness } from '../../helpers/ui-harness.js';
import { startUi } from '../../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

describe('form keys in the explorer', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 100, rows: 30 });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it('←, Home and typing edit in the middle of the name; ^W and ^U cut', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('db-pass');
    await t.press('left', 'left');
    await t.type('XY');
    await t.waitFor((f) => f.includes('db-paXYss'));
    await t.press('home');
    await t.type('my-');
    await t.waitFor((f) => f.includes('my-db-paXYss'));
    await t.press('end');
    await t.type(' two');
    await t.waitFor((f) => f.includes('my-db-paXYss two'));
    await t.pressChunk('\u0017');
    await t.waitFor((f) => f.includes('my-db-paXYss') && !f.includes('two'));
    await t.pressChunk('\u0015');
    await t.waitFor((f) => !f.includes('my-db-paXYss'));
  });

  it('Esc on a changed form asks; n keeps editing with the text intact, y discards it', async () => {
    await t.type('keep-me');
    await t.press('escape');
    await t.waitFor((f) => f.includes('Discard what you changed? y/Enter discard  n/Esc keep editing'));
    await t.press('n');
    const frame = await t.waitFor((f) => !f.includes('Discard what') && f.includes('New secret'));
    assert.ok(frame.includes('keep-me'));
    await t.press('escape');
    await t.waitFor((f) => f.includes('Discard what you changed?'));
    await t.press('y');
    await t.waitFor((f) => !f.includes('New secret') && loaded(f));
    assert.equal(t.data.store.getSnapshot().operations.length, 0, 'nothing was sent');
  });

  it('Ctrl-C closes a form (changed or not) and kvx stays; Ctrl-C twice then quits', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('half-typed');
    await t.press('ctrl+c');
    await t.waitFor((f) => !f.includes('New secret') && loaded(f));
    let exited = false;
    void t.waitUntilExit().then(() => (exited = true));
    await t.press('j');
    await t.waitFor((f) => f.includes('› admin-portal-api-key'));
    assert.equal(exited, false, 'kvx is still running');
    await t.press('ctrl+c', 'ctrl+c');
    await t.waitUntilExit();
  });
});
