// Keys that arrive in the same chunk as the key that opens a dialog (a laggy SSH link, tmux
// send-keys) reach that dialog: "dy" deletes, "dpNAME\r" deletes and purges, "nNAME\tVALUE\r"
// creates, "dn" opens and closes the dialog without a request. Each chunk is one stdin write.
// Each test has its own explorer and emulator and makes the secrets it needs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const FAST = { deleteDelayMs: 100, purgeDelayMs: 100 };
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/** A fresh explorer with the secrets `names` made through the store, and the emulator's request log. */
async function withUi(names: readonly string[], body: (t: UiHarness, requests: RequestLogEntry[]) => Promise<void>): Promise<void> {
  const requests: RequestLogEntry[] = [];
  const t = await startUi({ columns: 120, rows: 36, emulator: { ...FAST, onRequest: (r) => requests.push(r) }, store: { operationIntervalMs: 10 } });
  try {
    await t.waitFor(loaded, 20_000);
    const vault = t.data.emulator.vaults[0].url;
    for (const name of names) t.data.store.createSecret({ vault, name, value: 'x' });
    await t.data.until((s) => names.every((n) => s.vaults[0].collections.secrets.items.some((i) => i.name === n)), 'the list to show the secrets');
    await body(t, requests);
  } finally {
    await t.stop();
  }
}

const select = async (t: UiHarness, name: string) => {
  await t.press(':');
  await t.type(`filter ${name}`);
  await t.press('return');
  await t.waitFor((f) => f.includes(`› ${name}`), 10_000);
};

describe('keys in the chunk that opens a dialog', () => {
  it('"n" then "name\\tvalue\\r" in one chunk creates the secret', () => withUi([], async (t) => {
    const listed = (name: string) => t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === name);
    for (const name of ['chunk-gamma', 'chunk-delta']) {
      await t.pressChunk(`n${name}\tvalue-of-${name}\r`);
      await t.waitFor((f) => new RegExp(`✓ create secret contoso-prod/${name}`).test(f), 10_000);
      await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === name), `the list to show ${name}`);
      const item = listed(name);
      assert.ok(item);
      assert.equal(await t.data.store.readSecretValue({ ...item, vaultUrl: t.data.emulator.vaults[0].url }), `value-of-${name}`);
    }
  }));

  it('"dn" in one chunk opens the delete dialog and closes it without deleting', () => withUi(['chunk-alpha'], async (t, requests) => {
    await select(t, 'chunk-alpha');
    const from = t.frames.length;
    const logged = requests.length;
    await t.pressChunk('dn');
    await t.waitFor((f) => f.includes('› chunk-alpha') && !f.includes('Delete secret chunk-alpha?'));
    assert.ok(
      t.frames.slice(from).some((f) => f.includes('Delete secret chunk-alpha?')),
      'the dialog was shown',
    );
    // Barrier: a refresh pressed after "dn" reaches the emulator, and everything it received
    // has been answered and logged; a DELETE from "dn" would have been sent before it.
    await t.press('R');
    await t.data.until(() => requests.slice(logged).some((r) => r.method === 'GET' && r.path === '/secrets'), 'the refresh to reach the emulator');
    await t.data.emulator.idle();
    assert.deepEqual(requests.slice(logged).filter((r) => r.method === 'DELETE'), [], 'no DELETE request');
    assert.ok(!t.data.store.getSnapshot().operations.some((o) => o.target === 'chunk-alpha' && o.kind === 'delete'));
  }));

  it('"dy" in one chunk deletes the selected secret', () => withUi(['chunk-alpha'], async (t) => {
    await select(t, 'chunk-alpha');
    await t.pressChunk('dy');
    await t.waitFor((f) => /✓ delete secret contoso-prod\/chunk-alpha {2}deleted/.test(f), 10_000);
    assert.equal(t.data.store.getSnapshot().operations.filter((o) => o.target === 'chunk-alpha' && o.kind === 'delete').length, 1);
  }));

  it('"dp", the name and Enter in one chunk delete and purge the secret', () => withUi(['chunk-beta'], async (t) => {
    await select(t, 'chunk-beta');
    await t.pressChunk('dpchunk-beta\r');
    await t.waitFor((f) => /✓ delete\+purge secret contoso-prod\/chunk-beta {2}purged/.test(f), 10_000);
    assert.ok(!t.frames.some((f) => f.includes('That is not the name')), 'the typed name matched when Enter came');
  }));
});
