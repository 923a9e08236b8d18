// The vaults pane with discovery through the emulator's ARM: vaults grouped by subscription
// with their ARM facts, progress while finding, a refused ARM as one quiet line while the
// vault named at start stays usable, and pinning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fits, startUi } from '../helpers/ui-harness.js';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';

function start(columns: number, open: (name: string) => boolean) {
  return startUi({
    columns,
    rows: 24,
    emulator: {
      seed: 'empty',
      vaults: [
        { name: 'named-vault', subscriptionId: SUB_A },
        { name: 'team-a-app', subscriptionId: SUB_A, resourceGroup: 'rg-app' },
        { name: 'team-b-data', subscriptionId: SUB_B, resourceGroup: 'rg-data', purgeProtection: true, recoverableDays: 30 },
      ],
      subscriptions: [
        { subscriptionId: SUB_A, displayName: 'Team A' },
        { subscriptionId: SUB_B, displayName: 'Team B' },
      ],
    },
    extras: { open, arm: true },
  });
}

test('with no vault named, discovery fills the vaults pane grouped by subscription; at 80 columns the pane takes the screen with ARM facts', async () => {
  const t = await start(80, () => false);
  try {
    t.data.addSecrets(1, 'team-a-app', 'app');
    await t.waitFor((f) => f.includes('team-b-data'));
    await t.press('1');
    const frame = await t.waitFor((f) => f.includes('3 vaults in 2 subscriptions'));
    assert.match(frame, /▾ Team A/);
    assert.match(frame, /▾ Team B/);
    assert.ok(frame.indexOf('Team A') < frame.indexOf('team-a-app') && frame.indexOf('team-a-app') < frame.indexOf('Team B'));
    assert.match(frame, /team-b-data +rg-data · westeurope · standard · 30d · purge-protected/);
    assert.equal(fits(frame, 80, 24), undefined);
    await t.press('j');
    await t.press('return');
    await t.waitFor((f) => f.includes('team-a-app ▸ secrets') && f.includes('app-00000'));
  } finally {
    await t.stop();
  }
});

test('ARM refused: one quiet line in the pane; the vault named at start still lists its secrets', async () => {
  const t = await start(80, (name) => name === 'named-vault');
  try {
    t.data.addSecrets(1, 'named-vault', 'named');
    t.data.emulator.armRefusals.all = true;
    await t.waitFor((f) => f.includes('named-00000'));
    await t.press(':');
    await t.type('vaults');
    await t.press('return');
    const flat = (f: string) => f.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    const frame = flat(await t.waitFor((f) => flat(f).includes('open one by name with :vault NAME')));
    assert.match(frame, /cannot list vaults: forbidden: no authorization for Microsoft\.Resources\/subscriptions\/read — open one by name with :vault NAME/);
    await t.press('3');
    await t.waitFor((f) => f.includes('named-00000'));
  } finally {
    await t.stop();
  }
});

test('R in the vaults pane finds vaults while named ones stay first; p pins the current vault', async () => {
  const t = await start(100, (name) => name === 'named-vault');
  try {
    await t.waitFor((f) => f.includes('named-vault ▸ secrets'));
    await t.press('1');
    await t.press('R');
    await t.waitFor((f) => f.includes('3 vaults in 2') && f.includes('team-b-data'));
    await t.press('p');
    await t.waitFor((f) => f.includes('named-vault pinned') && f.includes('*named-vault'));
    assert.equal(t.data.store.getSnapshot().vaults.find((v) => v.name === 'named-vault')?.pinned, true);
  } finally {
    await t.stop();
  }
});
