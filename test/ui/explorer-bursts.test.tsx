// Keys that arrive in one chunk (tmux send-keys, a paste without brackets, fast typing over
// SSH) reach dialogs and forms whole: "name\r" confirms a purge, "name\tvalue\r" fills and
// sends a form, Backspace inside the chunk deletes. Each chunk is one stdin write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const FAST = { deleteDelayMs: 100, purgeDelayMs: 100 };
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

describe('key bursts in dialogs and forms', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 120, rows: 36, emulator: FAST, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  const value = async (name: string) => {
    const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === name);
    assert.ok(item, `${name} is listed`);
    return t.data.store.readSecretValue({ ...item, vaultUrl: t.data.emulator.vaults[0].url });
  };

  it('a new-secret form filled with "name\\tvalue\\r" in one chunk sends it', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.pressChunk('burst-token\tburst-valux\u007fe\r');
    await t.waitFor((f) => /✓ create secret contoso-prod\/burst-token/.test(f), 10_000);
    await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === 'burst-token'), 'the list to show burst-token');
    assert.equal(await value('burst-token'), 'burst-value');
  });

  it('an arrow key inside the chunk moves between fields like Tab', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.pressChunk('arrow-token\u001b[Barrow-value\r');
    await t.waitFor((f) => /✓ create secret contoso-prod\/arrow-token/.test(f), 10_000);
    await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === 'arrow-token'), 'the list to show arrow-token');
    assert.equal(await value('arrow-token'), 'arrow-value');
  });

  it('the purge prompt confirms with "name\\r" in one chunk, Backspace in it included', async () => {
    await t.press(':');
    await t.type('filter burst-token');
    await t.press('return');
    await t.waitFor((f) => f.includes('› burst-token'), 10_000);
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret burst-token?'));
    await t.press('p');
    await t.waitFor((f) => f.includes('delete and purge secret burst-token: this cannot be undone'));
    await t.pressChunk('burst-tokem\u007fn\r');
    await t.waitFor((f) => /✓ delete\+purge secret contoso-prod\/burst-token {2}purged/.test(f), 10_000);
    assert.ok(!t.frames.some((f) => f.includes('That is not the name')), 'the typed name matched when Enter came');
  });

  it('a confirm answered twice in one chunk ("yy") answers once', async () => {
    await t.press(':');
    await t.type('filter arrow-token');
    await t.press('return');
    await t.waitFor((f) => f.includes('› arrow-token'), 10_000);
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret arrow-token?'));
    await t.pressChunk('yy');
    await t.waitFor((f) => /✓ delete secret contoso-prod\/arrow-token {2}deleted/.test(f), 10_000);
    const deletes = t.data.store.getSnapshot().operations.filter((o) => o.target === 'arrow-token' && o.kind === 'delete');
    assert.equal(deletes.length, 1);
  });
});
