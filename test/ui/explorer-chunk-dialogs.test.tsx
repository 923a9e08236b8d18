// Keys that arrive in the same chunk as the key that opens a dialog (a laggy SSH link, tmux
// send-keys) reach that dialog: "dy" deletes, "dpNAME\r" deletes and purges, "nNAME\tVALUE\r"
// creates, "dn" opens and closes the dialog without a request. Each chunk is one stdin write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const FAST = { deleteDelayMs: 100, purgeDelayMs: 100 };
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

describe('keys in the chunk that opens a dialog', () => {
  let t: UiHarness;
  const requests: RequestLogEntry[] = [];
  const deletes = () => requests.filter((r) => r.method === 'DELETE');
  before(async () => {
    t = await startUi({ columns: 120, rows: 36, emulator: { ...FAST, onRequest: (r) => requests.push(r) }, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
    // Made through the store so that each test stands on its own.
    const vault = t.data.emulator.vaults[0].url;
    for (const name of ['chunk-alpha', 'chunk-beta']) t.data.store.createSecret({ vault, name, value: 'x' });
    await t.data.until((s) => ['chunk-alpha', 'chunk-beta'].every((n) => s.vaults[0].collections.secrets.items.some((i) => i.name === n)), 'the list to show the secrets');
  });
  after(() => t.stop());

  const listed = (name: string) => t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === name);
  const select = async (name: string) => {
    await t.press(':');
    await t.type(`filter ${name}`);
    await t.press('return');
    await t.waitFor((f) => f.includes(`› ${name}`), 10_000);
  };

  it('"n" then "name\\tvalue\\r" in one chunk creates the secret', async () => {
    for (const name of ['chunk-gamma', 'chunk-delta']) {
      await t.pressChunk(`n${name}\tvalue-of-${name}\r`);
      await t.waitFor((f) => new RegExp(`✓ create secret contoso-prod/${name}`).test(f), 10_000);
      await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === name), `the list to show ${name}`);
      const item = listed(name);
      assert.ok(item);
      assert.equal(await t.data.store.readSecretValue({ ...item, vaultUrl: t.data.emulator.vaults[0].url }), `value-of-${name}`);
    }
  });

  it('"dn" in one chunk opens the delete dialog and closes it without deleting', async () => {
    await select('chunk-alpha');
    const from = t.frames.length;
    const before = deletes().length;
    await t.pressChunk('dn');
    await t.waitFor((f) => f.includes('› chunk-alpha') && !f.includes('Delete secret chunk-alpha?'));
    assert.ok(
      t.frames.slice(from).some((f) => f.includes('Delete secret chunk-alpha?')),
      'the dialog was shown',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(deletes().length, before, 'no DELETE request');
    assert.ok(!t.data.store.getSnapshot().operations.some((o) => o.target === 'chunk-alpha' && o.kind === 'delete'));
  });

  it('"dy" in one chunk deletes the selected secret', async () => {
    await select('chunk-alpha');
    await t.pressChunk('dy');
    await t.waitFor((f) => /✓ delete secret contoso-prod\/chunk-alpha {2}deleted/.test(f), 10_000);
    assert.equal(t.data.store.getSnapshot().operations.filter((o) => o.target === 'chunk-alpha' && o.kind === 'delete').length, 1);
  });

  it('"dp", the name and Enter in one chunk delete and purge the secret', async () => {
    await select('chunk-beta');
    await t.pressChunk('dpchunk-beta\r');
    await t.waitFor((f) => /✓ delete\+purge secret contoso-prod\/chunk-beta {2}purged/.test(f), 10_000);
    assert.ok(!t.frames.some((f) => f.includes('That is not the name')), 'the typed name matched when Enter came');
  });
});
