// Vaults are addressed by URL: two open vaults with the same name (`prod` in two clouds) are
// two vaults, each loading its own items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

const options = { emulator: { seed: 'empty' as const, vaults: ['prod', 'prod-cn'] }, extras: { displayName: () => 'prod' } };

async function start() {
  const t = await startUi(options);
  t.data.addSecrets(2, 'prod', 'global');
  t.data.addSecrets(2, 'prod-cn', 'china');
  return t;
}

test('two open vaults with the same name: picking the second in the vaults pane lists its own items', async () => {
  const t = await start();
  try {
    await t.waitFor((f) => f.includes('global-00000'));
    await t.press('1');
    await t.press('j');
    const frame = await t.waitFor((f) => f.includes('china-00000'));
    assert.ok(!frame.includes('global-00000'), 'the first vault\'s items are not shown for the second');
    assert.ok(!frame.includes('loading'), 'the second vault is not stuck loading');
  } finally {
    await t.stop();
  }
});

test(':vault with the second vault\'s URL opens that vault, not the first one with the same name', async () => {
  const t = await start();
  try {
    await t.waitFor((f) => f.includes('global-00000'));
    await t.press(':');
    await t.type(`vault ${t.data.vault('prod-cn').url}`);
    await t.press('return');
    await t.waitFor((f) => f.includes('china-00000') && !f.includes('global-00000'));
  } finally {
    await t.stop();
  }
});
