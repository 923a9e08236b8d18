// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false, its own
// tmux socket) finds its vaults through the emulator's ARM; then creates a vault from the
// vaults pane, opens it, adds a secret, deletes the vault and purges it, each step live in
// the operations panel; every screen fits the terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

const VAULT = 'e2e-made-vault';

test('kvx --demo at 80x24 in tmux: create a vault, open it, add a secret, delete the vault and purge it', { skip: e2eSkip }, async () => {
  const t = await startTmux('vaults', { assertFits: true });
  try {
    runKvx(t, '--demo');
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'demo vaults found through ARM');

    // The vaults pane takes the screen at 80 columns: the demo's vaults with ARM's facts.
    t.keys('1');
    await t.waitForScreen((s) => s.includes('3 vaults in 1 subscription') && s.includes('contoso-payments') && s.includes('purge-pro'), 'vaults pane');
    t.keys('n');
    await t.waitForScreen((s) => s.includes('New vault'), 'create form');
    t.type(VAULT);
    await t.waitForScreen((s) => s.includes(`✓ ${VAULT} is available`), 'name checked as typed');
    t.keys('Enter');
    await t.waitForScreen((s) => new RegExp(`create vault ${VAULT} +(RegisteringDns|InProgress)`).test(s) && !s.includes('New vault'), 'provisioning');
    await t.waitForScreen((s) => new RegExp(`✓ create vault ${VAULT} +Succeeded`).test(s), 'created');

    // Open it (the new vault is listed first) and add a secret.
    t.keys('g');
    await t.waitForScreen((s) => s.includes(`›${VAULT}`), 'new vault selected');
    t.keys('Enter');
    await t.waitForScreen((s) => s.includes(`${VAULT} ▸ secrets`) && s.includes('no secrets in this vault'), 'new vault open');
    t.keys('n');
    await t.waitForScreen((s) => s.includes('New secret'), 'secret form');
    t.type('hello');
    t.keys('Tab');
    t.type('world');
    t.keys('Enter');
    await t.waitForScreen((s) => s.includes(`✓ create secret ${VAULT}/hello`), 'secret created');
    await t.waitForScreen((s) => s.includes('› hello') || s.includes('  hello'), 'secret listed');

    // Delete the vault, then purge it from the deleted-vaults view (type its name).
    t.keys('1');
    await t.waitForScreen((s) => s.includes(`›${VAULT}`), 'vaults pane again');
    t.keys('d');
    await t.waitForScreen((s) => s.includes(`Delete vault ${VAULT}?`), 'delete dialog');
    t.keys('y');
    await t.waitForScreen((s) => new RegExp(`✓ delete vault ${VAULT} +deleted`).test(s), 'deleted');
    t.keys('D');
    await t.waitForScreen((s) => s.includes('1 Deleted vaults') && s.includes(`›${VAULT}`), 'deleted vaults view');
    t.keys('P');
    await t.waitForScreen((s) => s.includes(`purge vault ${VAULT}`) && s.includes('cannot be undone'), 'purge asks for the name');
    t.type(VAULT);
    t.keys('Enter');
    await t.waitForScreen((s) => new RegExp(`purge vault ${VAULT} +(purging|InProgress)`).test(s), 'purge running');
    await t.waitForScreen((s) => new RegExp(`✓ purge vault ${VAULT} +purged`).test(s), 'purged', 40_000);

    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    t.close();
  }
});
