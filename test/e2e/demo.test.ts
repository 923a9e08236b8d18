// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false so Ink is
// interactive). Moves to a secret, filters, opens its details, reveals its value and quits,
// and checks the terminal shows what it showed before (the alternate screen was left).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFits, e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

test('kvx --demo at 80x24 in tmux: find a secret, filter, open, reveal, quit and restore the terminal', { skip: e2eSkip }, async () => {
  const t = await startTmux('demo');
  try {
    runKvx(t, '--demo');
    const first = await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'secrets list');
    assert.ok(!first.includes('BEFORE-KVX'), 'kvx draws on the alternate screen');
    assertFits(first);

    t.keys('j', 'j');
    await t.waitForScreen((s) => /› admin-portal-client-secret/.test(s), 'cursor moved');
    t.keys('/');
    t.type('dbpass');
    const filtered = await t.waitForScreen((s) => s.includes('/dbpass') && /\d+ of \d+/.test(s), 'filter');
    assert.ok(!filtered.includes('acr-pull-token'));
    assert.match(filtered, /› \S*db-password/, 'a db-password secret is selected');
    t.keys('Enter');
    await t.waitForScreen((s) => !s.includes('/dbpass▏'), 'filter accepted');
    t.keys('Enter');
    await t.waitForScreen((s) => /secrets ▸ \S*db-password/.test(s) && s.includes('v reveals') && s.includes('Versions ('), 'details');
    t.keys('v');
    await t.waitForScreen((s) => s.includes('hidden again in'), 'revealed value');
    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
    assert.ok(after.includes('BEFORE-KVX'), 'the previous screen is back');
    assert.ok(!after.includes('contoso-prod'), 'nothing of kvx is left on the screen');
  } finally {
    t.close();
  }
});
