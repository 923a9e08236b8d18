// Operation states as the service has them: rows being deleted are marked, a created item
// appears selected, a certificate being issued is listed as pending (and told apart from a
// cancelled one), a purge warns the name may stay reserved, messages come after the fact,
// and throttling shows in the list footer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

test('a row being deleted is marked in the list while the service deletes it', async () => {
  const t = await startUi({ columns: 100, rows: 30, emulator: { deleteDelayMs: 60_000 }, store: { operationIntervalMs: 20 } });
  try {
    await t.waitFor(loaded, 20_000);
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    await t.press('y');
    const frame = await t.waitFor((f) => /› acr-pull-token .*deleting +—/.test(f));
    assert.ok(!/admin-portal-api-key .*deleting/.test(frame), 'only that row');
  } finally {
    await t.stop();
  }
});

test('a created secret is selected in its list, and the status says it was created, after the fact', async () => {
  const t = await startUi({ columns: 100, rows: 30 });
  try {
    await t.waitFor(loaded, 20_000);
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('zz-new-secret');
    await t.press('tab');
    await t.type('v1');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('› zz-new-secret') && f.includes('secret zz-new-secret created'), 10_000);
    assert.ok(!frame.includes('started'));
  } finally {
    await t.stop();
  }
});

test('a certificate being issued is listed as pending and selected; cancelled, it is listed as cancelled', async () => {
  const t = await startUi({ columns: 100, rows: 30, emulator: { certificateIssueDelayMs: 60_000 }, store: { operationIntervalMs: 50 } });
  try {
    await t.waitFor(loaded, 20_000);
    await t.press('4');
    await t.waitFor((f) => f.includes('› api-gateway-tls'));
    // The demo's partner-sftp waits for a merge: not issued, so pending rather than an expiry.
    await t.waitFor((f) => /partner-sftp .* pending/.test(f));
    await t.press('n');
    await t.waitFor((f) => f.includes('New self-signed certificate'));
    await t.type('zz-issuing');
    await t.press('tab');
    await t.type('CN=zz.contoso.com');
    await t.press('tab');
    await t.type('zz.contoso.com');
    await t.press('return');
    await t.waitFor((f) => /› zz-issuing .* pending/.test(f) && f.includes('the service is issuing it'), 10_000);
    await t.press('o');
    await t.press('G');
    await t.press('c');
    // Cancelling a certificate request asks first (issue 10.7).
    await t.waitFor((f) => f.includes('Cancel create certificate zz-issuing?'));
    await t.press('y');
    await t.waitFor((f) => /zz-issuing .* cancelled/.test(f) && f.includes('creating of certificate zz-issuing cancelled'), 10_000);
  } finally {
    await t.stop();
  }
});

test('a purge says the name may stay reserved for a short while', async () => {
  const t = await startUi({ columns: 120, rows: 30, store: { operationIntervalMs: 20 } });
  try {
    await t.waitFor(loaded, 20_000);
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
    await t.press('p');
    await t.waitFor((f) => f.includes('acr-pull-token') && /type/i.test(f));
    await t.type('acr-pull-token');
    await t.press('return');
    await t.waitFor((f) => f.includes('secret acr-pull-token deleted and purged (the name may stay reserved for a short while)'), 20_000);
  } finally {
    await t.stop();
  }
});

test('throttling shows in the list footer with the retry delay', async () => {
  const t = await startUi({ columns: 100, rows: 30, emulator: { faults: { throttleRate: 1, retryAfterMs: 2000 } } });
  try {
    const frame = await t.waitFor((f) => /╰|│/.test(f) && /│ throttled, retrying in 2s +\d+ items/.test(f), 10_000);
    assert.ok(frame);
  } finally {
    await t.stop();
  }
});
