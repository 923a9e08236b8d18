// Keys that arrive in one chunk (tmux send-keys, a paste without brackets, fast typing over
// SSH) reach dialogs and forms whole: "name\r" confirms a purge, "name\tvalue\r" fills and
// sends a form, Backspace inside the chunk deletes. Each chunk is one stdin write.
// Each test has its own explorer and emulator and makes the secrets it needs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const FAST = { deleteDelayMs: 100, purgeDelayMs: 100 };
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/** A fresh explorer with the secrets `names` made through the store. */
async function withUi(names: readonly string[], body: (t: UiHarness) => Promise<void>): Promise<void> {
  const t = await startUi({ columns: 120, rows: 36, emulator: FAST, store: { operationIntervalMs: 10 } });
  try {
    await t.waitFor(loaded, 20_000);
    const vault = t.data.emulator.vaults[0].url;
    for (const name of names) t.data.store.createSecret({ vault, name, value: 'x' });
    await t.data.until((s) => names.every((n) => s.vaults[0].collections.secrets.items.some((i) => i.name === n)), 'the list to show the secrets');
    await body(t);
  } finally {
    await t.stop();
  }
}

describe('key bursts in dialogs and forms', () => {
  const value = async (t: UiHarness, name: string) => {
    const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === name);
    assert.ok(item, `${name} is listed`);
    return t.data.store.readSecretValue({ ...item, vaultUrl: t.data.emulator.vaults[0].url });
  };

  it('a new-secret form filled with "name\\tvalue\\r" in one chunk sends it', () => withUi([], async (t) => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.pressChunk('burst-token\tburst-valux\u007fe\r');
    await t.waitFor((f) => /✓ create secret contoso-prod\/burst-token/.test(f), 10_000);
    await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === 'burst-token'), 'the list to show burst-token');
    assert.equal(await value(t, 'burst-token'), 'burst-value');
  }));

  it('an arrow key inside the chunk moves between fields like Tab', () => withUi([], async (t) => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.pressChunk('arrow-token\u001b[Barrow-value\r');
    await t.waitFor((f) => /✓ create secret contoso-prod\/arrow-token/.test(f), 10_000);
    await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === 'arrow-token'), 'the list to show arrow-token');
    assert.equal(await value(t, 'arrow-token'), 'arrow-value');
  }));

  it('the purge prompt confirms with "name\\r" in one chunk, Backspace in it included', () => withUi(['burst-token'], async (t) => {
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
  }));

  it('a confirm answered twice in one chunk ("yy") answers once', () => withUi(['arrow-token'], async (t) => {
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
  }));
});
