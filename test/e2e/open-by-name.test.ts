// End to end in a real terminal: the built `kvx --demo --demo-identity kvx-reader` in tmux at
// 80x24. kvx-reader may get certificates but not list them: the list says 403, and
// `:cert NAME` still opens one with a direct GET.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFits, e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

test(':cert NAME opens a certificate as kvx-reader, which may get certificates but not list them', { skip: e2eSkip }, async () => {
  const t = await startTmux('cert');
  try {
    runKvx(t, '--demo --demo-identity kvx-reader');
    await t.waitForScreen((s) => s.includes('acr-pull-token') && s.includes('kvx-reader'), 'secrets list as kvx-reader');
    t.keys('4');
    await t.waitForScreen((s) => s.includes("missing 'list' permission on certificates"), 'the 403 on listing certificates');
    t.keys(':');
    t.type('cert api-gateway-tls');
    t.keys('Enter');
    const opened = await t.waitForScreen((s) => s.includes('certificates ▸ api-gateway-tls') && /subject\s+.*CN=api\.contoso\.com/.test(s), 'the certificate opened by name');
    assertFits(opened);
    assert.match(opened, /SHA-1\s+[0-9A-F]{40}/);
    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    t.close();
  }
});
