// Every error can be read whole: wrapped in its pane instead of cut, and `!` (or Enter on a
// failed operation / a list that shows only its error) opens the error view with the request
// and, for a failed sign-in, each credential's reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AggregateAuthenticationError, CredentialUnavailableError } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { fits, startUi } from '../helpers/ui-harness.js';

const reader = { emulator: { strict: true }, store: { identity: 'kvx-reader' } } as const;

test('a 403 is wrapped whole in its pane at 80 columns, never cut with …', async () => {
  const t = await startUi({ columns: 80, rows: 24, ...reader });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press('4');
    const frame = await t.waitFor((f) => f.includes("missing 'list' permission on certificates"));
    assert.equal(fits(frame, 80, 24), undefined);
    const pane = frame.split('\n').filter((l) => l.startsWith('│'));
    assert.ok(!pane.some((l) => l.includes('…')), `nothing cut:\n${frame}`);
    // The caller's object id (the end of the line that used to be cut) is on screen.
    assert.match(frame.replace(/[│\s]+/g, ''), /oid=[0-9a-f-]{36}/);
    assert.match(frame, /! error/, 'the hints offer the error view');
  } finally {
    await t.stop();
  }
});

test('! shows the whole error: class, service message, request with status and x-ms-request-id; Esc closes', async () => {
  const t = await startUi({ columns: 100, rows: 30, ...reader });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    await t.press('4');
    await t.waitFor((f) => f.includes("missing 'list' permission on certificates"));
    await t.press('!');
    const view = await t.waitFor((f) => f.includes('Error · certificates of contoso-prod'));
    assert.match(view, /request\s+GET \/certificates → 403/);
    assert.match(view, /x-ms-request-id\s+[0-9a-f-]{36}/);
    const flat = view.replace(/\s*│\s*/g, ' ').replace(/ +/g, ' ');
    assert.match(flat, /does not have certificates list permission/);
    assert.match(view, /class\s+forbidden \(HTTP 403\)/);
    assert.ok(!/\s+at \S+ \(/.test(view), 'no stack trace');
    await t.press('escape');
    await t.waitFor((f) => !f.includes('Error ·') && f.includes('4 Certificates'));
    // Enter on a list that shows only its error opens the view too.
    await t.press('return');
    await t.waitFor((f) => f.includes('Error · certificates of contoso-prod'));
  } finally {
    await t.stop();
  }
});

test('a failed sign-in lists every credential of the chain with its reason', async () => {
  const chain: TokenCredential = {
    async getToken() {
      throw new AggregateAuthenticationError(
        [
          new CredentialUnavailableError('EnvironmentCredential is unavailable. No underlying credential could be used.'),
          new CredentialUnavailableError('ManagedIdentityCredential: Network unreachable. Message: connect EHOSTUNREACH 169.254.169.254:80'),
          new CredentialUnavailableError('Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.'),
        ],
        'ChainedTokenCredential authentication failed.',
      );
    },
  };
  const t = await startUi({ columns: 100, rows: 30, store: { credential: chain } });
  try {
    await t.waitFor((f) => f.includes('sign-in failed'));
    await t.press('!');
    const view = await t.waitFor((f) => f.includes('Sign-in: each of 3 credentials'));
    assert.match(view, /• EnvironmentCredential[^\n]*\n[^\n]*is unavailable/);
    assert.match(view, /• ManagedIdentityCredential[^\n]*\n[^\n]*EHOSTUNREACH 169\.254\.169\.254:80/);
    assert.match(view, /• AzureCliCredential[^\n]*\n[^\n]*could not be found/);
  } finally {
    await t.stop();
  }
});

test('Enter on a failed operation opens its error view', async () => {
  const t = await startUi({ columns: 100, rows: 30, ...reader });
  try {
    await t.waitFor((f) => f.includes('acr-pull-token'));
    // kvx-reader may not delete: the delete fails at the service with 403.
    await t.press('d');
    await t.waitFor((f) => f.includes('y/Enter') || /delete/i.test(f));
    await t.press('y');
    await t.waitFor((f) => /✗ delete secret/.test(f) || /delete secret .* failed/.test(f));
    await t.press('o');
    await t.press('return');
    const view = await t.waitFor((f) => f.includes('Error · delete secret acr-pull-token'));
    assert.match(view, /request\s+DELETE \/secrets\/acr-pull-token → 403/);
  } finally {
    await t.stop();
  }
});
