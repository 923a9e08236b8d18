// The item keys work the same in the list and in the details (d, D, n, s, u, P), a key that
// cannot apply says why in the status line, r asks before rotating and is not offered for a
// certificate's own key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

async function select(t: UiHarness, name: string) {
  await t.press(':');
  await t.type(`filter ${name}`);
  await t.press('return');
  await t.waitFor((f) => f.includes(`› ${name}`), 10_000);
}

async function openDetails(t: UiHarness, name: string) {
  await select(t, name);
  await t.press('return');
  await t.waitFor((f) => f.includes(`▸ ${name}`) && f.includes('Versions ('), 10_000);
}

describe('item keys in the details', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 100, rows: 30, emulator: { deleteDelayMs: 50, purgeDelayMs: 50 }, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it('d in the details asks to delete the open secret', async () => {
    await openDetails(t, 'acr-pull-token');
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    await t.press('n');
    await t.waitFor((f) => !f.includes('Delete secret') && f.includes('Versions ('));
  });

  it('n in the details opens the new-secret form', async () => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.press('escape');
    await t.waitFor((f) => !f.includes('New secret'));
  });

  it('s in the details sorts the list and says so', async () => {
    await t.press('s');
    await t.waitFor((f) => f.includes('the list is now sorted by updated'));
  });

  it('D in the details shows the deleted items; u and P in a deleted item\'s details recover and purge', async () => {
    const url = t.data.emulator.vaults[0].url;
    for (const name of ['gone-one', 'gone-two']) {
      const created = t.data.store.createSecret({ vault: url, name, value: 'x' });
      await t.data.until((s) => s.operations.find((o) => o.id === created)?.state === 'succeeded', 'create');
      const deleted = t.data.store.deleteItem({ kind: 'secrets', name, vaultUrl: url });
      await t.data.until((s) => s.operations.find((o) => o.id === deleted)?.state === 'succeeded', 'delete');
    }
    assert.ok(t.lastFrame().includes('Versions ('), 'D is pressed in the details');
    await t.press('D');
    await t.waitFor((f) => f.includes('secrets (deleted)'));
    await t.press('R');
    await select(t, 'gone-one');
    await t.press('return');
    await t.waitFor((f) => f.includes('▸ gone-one'));
    await t.press('u');
    await t.waitFor((f) => f.includes('recovering secret gone-one'));
    await t.data.until((s) => s.operations.some((o) => o.kind === 'recover' && o.target === 'gone-one' && o.state === 'succeeded'), 'the recover');
    await t.press('escape');
    await select(t, 'gone-two');
    await t.press('return');
    await t.waitFor((f) => f.includes('▸ gone-two'));
    await t.press('P');
    await t.waitFor((f) => f.includes('purge secret gone-two: this cannot be undone'));
    await t.press('escape');
    await t.press('escape', 'escape', 'D');
    await t.waitFor((f) => f.includes('contoso-prod ▸ secrets') && !f.includes('(deleted)'));
  });

  it('a key that cannot apply here says why: r on a secret, v on a key', async () => {
    await select(t, 'acr-pull-token');
    await t.press('r');
    await t.waitFor((f) => f.includes('r (rotate key) works on keys: 2 shows them'));
    await t.press('2');
    await t.waitFor((f) => f.includes('contoso-prod ▸ keys'));
    await t.press('v');
    await t.waitFor((f) => f.includes('v (reveal / hide a secret value) works on secrets: 3 shows them'));
  });

  it('r asks before rotating; a certificate\'s own key is not offered for rotation and says why', async () => {
    await t.data.until((s) => s.vaults[0].collections.keys.status === 'complete', 'the keys');
    const keys = t.data.store.getSnapshot().vaults[0].collections.keys.items;
    const managed = keys.find((k) => k.managed);
    const own = keys.find((k) => !k.managed);
    assert.ok(managed && own, 'the demo has a certificate-backed key and a key of its own');
    await select(t, own.name);
    await t.press('r');
    await t.waitFor((f) => f.includes(`Rotate key ${own.name}?`));
    await t.press('n');
    await t.waitFor((f) => !f.includes('Rotate key'));
    assert.ok(!t.data.store.getSnapshot().operations.some((o) => o.kind === 'rotate'), 'no rotation without a yes');
    await select(t, managed.name);
    const frame = await t.waitFor((f) => f.includes(`› ${managed.name}`) && !f.includes('r rotate'));
    assert.ok(!frame.includes('r rotate'), 'no rotate hint for a certificate\'s key');
    await t.press('r');
    await t.waitFor((f) => f.includes(`key ${managed.name} belongs to certificate ${managed.name}: renew the certificate`));
    assert.ok(!t.data.store.getSnapshot().operations.some((o) => o.kind === 'rotate'));
  });
});
