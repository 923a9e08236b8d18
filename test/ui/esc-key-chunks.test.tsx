// Esc and the next key in one chunk ("\x1bj", "\x1bq"), as tmux (escape-time) and SSH deliver
// them: Ink reports meta+j, and kvx acts as if Esc then j were pressed — in the list, details,
// dialogs, forms, the filter and the `:` line. Each chunk is one stdin write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

describe('Esc then a key in one chunk', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 100, rows: 30 });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it('in details: "\\x1bj" goes back to the list and moves down', async () => {
    await t.press('g', 'return');
    await t.waitFor((f) => f.includes('secrets ▸ acr-pull-token') && f.includes('Versions ('));
    await t.pressChunk('\u001bj');
    const frame = await t.waitFor((f) => f.includes('› admin-portal-api-key'));
    assert.ok(!frame.includes('Versions ('), 'details closed');
  });

  it('in the delete dialog: "\\x1bj" closes the dialog without deleting and moves down', async () => {
    await t.press('g');
    await t.waitFor((f) => f.includes('› acr-pull-token'));
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    await t.pressChunk('\u001bj');
    await t.waitFor((f) => !f.includes('Delete secret') && f.includes('› admin-portal-api-key'));
    assert.equal(t.data.store.getSnapshot().operations.length, 0, 'nothing was deleted');
  });

  it('in a form: "\\x1bj" closes the untouched form and moves down; j is not typed anywhere', async () => {
    await t.press('g');
    await t.waitFor((f) => f.includes('› acr-pull-token'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.pressChunk('\u001bj');
    await t.waitFor((f) => !f.includes('New secret') && f.includes('› admin-portal-api-key'));
  });

  it('in the filter: "\\x1bj" clears the filter and moves down', async () => {
    await t.press('g', '/');
    await t.type('zzz');
    await t.waitFor((f) => f.includes('/zzz'));
    await t.pressChunk('\u001bj');
    const frame = await t.waitFor((f) => f.includes('› admin-portal-api-key'));
    assert.ok(!frame.includes('/zzz'));
  });

  it('on the : line: "\\x1bj" closes the line unrun and moves down', async () => {
    await t.press('g', ':');
    await t.type('keys');
    await t.waitFor((f) => f.includes(':keys'));
    await t.pressChunk('\u001bj');
    const frame = await t.waitFor((f) => f.includes('› admin-portal-api-key'));
    assert.ok(frame.includes('contoso-prod ▸ secrets'), 'the :keys line was not run');
  });

  it('in the list: "\\x1bq" quits', async () => {
    await t.pressChunk('\u001bq');
    await t.waitUntilExit();
  });
});
