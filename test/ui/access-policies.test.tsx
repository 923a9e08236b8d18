// Who may access a vault, in the explorer (strict emulator, signed in as kvx-reader): the 403
// on certificates says who you are and what the vault's policies give you and points at `a`;
// the access policies view lists each identity's permissions; changing your own policy there
// (through ARM) turns the 403 into a list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

test('a 403 links to the access policies; e on your own policy adds list on certificates and the list loads', async () => {
  const r = await startUi({
    columns: 120,
    rows: 34,
    emulator: { seed: 'empty', vaults: ['strict-vault'], strict: true },
    extras: { arm: true, identity: 'kvx-reader' },
    store: { operationIntervalMs: 50 },
  });
  try {
    await r.waitFor((f) => f.includes('strict-vault ▸ secrets'));
    await r.press('4');
    const forbidden = await r.waitFor((f) => f.includes('403 forbidden') && f.includes('you are'));
    assert.match(forbidden, /you are \S*kvx-reader/);
    await r.press('a');
    const view = await r.waitFor((f) => f.includes('Access policies · strict-vault') && f.includes('(you)') && f.includes('certificates get'));
    assert.match(view, /secrets get, list · keys get, list · certificates get/);
    // Move to your own policy and change it.
    const lines = view.split('\n');
    const mine = lines.findIndex((l) => l.includes('(you)'));
    const first = lines.findIndex((l) => l.includes('›'));
    for (let i = 0; i < (mine - first) / 2; i++) await r.press('j');
    await r.waitFor((f) => f.split('\n').some((l) => l.includes('›') && l.includes('(you)')));
    await r.press('e');
    await r.waitFor((f) => f.includes('Change the access policy of'));
    await r.press('tab', 'tab');
    await r.type(', list');
    await r.press('return');
    await r.waitFor((f) => f.includes('Access policies · strict-vault') && f.includes('certificates get, list'), 10_000);
    await r.press('escape');
    // With ARM's facts known, the 403 says what the policies give you.
    const flat = (f: string) => f.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    await r.waitFor((f) => !f.includes('Access policies ·') && flat(f).includes("this vault's policies give you: secrets get, list"));
    await r.press('R');
    await r.waitFor((f) => f.includes('no certificates in this vault'), 10_000);
  } finally {
    await r.stop();
  }
});
