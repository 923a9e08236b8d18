// Vault lifecycle from the vaults pane against the emulator's ARM: n opens the create form
// (the name checked as you type), the create runs in the operations panel with its
// provisioning state; d deletes (asks), D shows deleted vaults, u recovers, P purges after the
// name is typed and stays running until ARM says the purge finished. Read-only refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

const emulator = { seed: 'empty' as const, vaults: ['home-vault'], armCreateDelayMs: 1200, vaultPurgeDelayMs: 1500, onRequest: (e: { plane?: string; method: string; path: string; status: number }) => { if (process.env.DBG && e.plane) console.log(e.method, e.path.slice(-60), e.status); } };

test('n creates a vault: name checked as typed, provisioning live in the panel, then listed; d, D, u, P delete, show, recover and purge it', async () => {
  const t = await startUi({ columns: 120, rows: 34, emulator, extras: { arm: true }, store: { operationIntervalMs: 100 } });
  try {
    await t.waitFor((f) => f.includes('home-vault ▸ secrets'));
    await t.press('1');
    await t.press('R');
    await t.waitFor((f) => f.includes('1 vault in 1'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New vault'));
    await t.type('home-vault');
    await t.waitFor((f) => f.includes('✗ The vault name') && f.includes('already in use'));
    for (let i = 0; i < 'home-vault'.length; i++) await t.press('backspace');
    await t.type('ui-made-vault');
    await t.waitFor((f) => f.includes('✓ ui-made-vault is available'));
    await t.press('tab', 'tab');
    await t.type('rg-ui');
    await t.press('return');
    // The form closes once ARM took the create; provisioning goes on in the panel.
    await t.waitFor((f) => /create vault ui-made-vault +(RegisteringDns|InProgress)/.test(f) && !f.includes('New vault'), 10_000);
    await t.waitFor((f) => /✓ create vault ui-made-vault +Succeeded/.test(f) && f.includes('›') && f.includes('ui-made-vault'), 10_000);

    // Delete it (asks first), see it in the deleted view, recover it.
    const snapshot = () => t.data.store.getSnapshot();
    while (snapshot().vaults.findIndex((v) => v.name === 'ui-made-vault') !== -1 && !t.lastFrame().includes('›ui-made-vault')) await t.press('j');
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete vault ui-made-vault?'));
    await t.press('y');
    await t.waitFor((f) => /✓ delete vault ui-made-vault +deleted/.test(f));
    await t.press('D');
    await t.waitFor((f) => f.includes('Deleted vaults') && f.includes('1 deleted') && f.includes('›ui-made-vault'));
    await t.press('u');
    await t.waitFor((f) => /✓ recover vault ui-made-vault +recovered/.test(f), 10_000);

    // Delete again, then purge: it runs until ARM says the purge finished.
    await t.press('D');
    await t.waitFor((f) => !f.includes('Deleted vaults') && f.includes(' ui-made-vault'));
    while (!t.lastFrame().includes('›ui-made-vault')) await t.press('j');
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete vault ui-made-vault?'));
    await t.press('y');
    await t.waitFor((f) => /✓ delete vault ui-made-vault +deleted/.test(f));
    await t.press('D');
    await t.waitFor((f) => f.includes('Deleted vaults') && f.includes('1 deleted') && f.includes('›ui-made-vault'));
    await t.press('P');
    await t.waitFor((f) => f.includes('purge vault ui-made-vault'));
    await t.type('ui-made-vault');
    await t.press('return');
    await t.waitFor((f) => /purge vault ui-made-vault +(purging|InProgress)/.test(f));
    await t.waitFor((f) => /✓ purge vault ui-made-vault +purged/.test(f), 10_000);
    await t.waitFor((f) => f.includes('no deleted vaul'));
  } finally {
    await t.stop();
  }
});

test('--read-only: n, d and P in the vaults pane are refused in the store, with nothing sent to ARM', async () => {
  const t = await startUi({ columns: 120, rows: 30, emulator, extras: { arm: true }, readOnly: true });
  try {
    await t.waitFor((f) => f.includes('home-vault ▸ secrets'));
    await t.press('1');
    await t.press('n');
    await t.waitFor((f) => f.includes('read-only mode: cannot create vault'));
    await t.press('R');
    await t.waitFor((f) => f.includes('1 vault in 1'));
    await t.press('d');
    await t.waitFor((f) => f.includes('read-only mode: cannot delete vault'));
    assert.ok(!t.lastFrame().includes('Delete vault'), 'no dialog opened');
    assert.deepEqual(t.data.store.getSnapshot().operations, []);
  } finally {
    await t.stop();
  }
});
