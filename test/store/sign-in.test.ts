import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { SignInState } from '../../src/store/sign-in.js';
import { trackSignIn } from '../../src/store/sign-in.js';

const token: AccessToken = { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };

test('a token answered at once (from the cache) is never shown as signing in, however many clients ask', async () => {
  const changes: (SignInState | undefined)[] = [];
  const cached: TokenCredential = { getToken: async () => token };
  const tracked = trackSignIn(cached, { label: 'managed identity', now: Date.now, signal: new AbortController().signal, onChange: (s) => changes.push(s) });
  await Promise.all(Array.from({ length: 600 }, () => tracked.getToken('https://vault.azure.net/.default')));
  assert.deepEqual(changes, []);
});

test('a sign-in still pending after a moment is shown, with when it started, and cleared when it ends', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const changes: (SignInState | undefined)[] = [];
    let answer: (t: AccessToken) => void = () => {};
    const slow: TokenCredential = { getToken: () => new Promise<AccessToken>((resolve) => (answer = resolve)) };
    const tracked = trackSignIn(slow, { label: 'managed identity', now: () => 1_000, signal: new AbortController().signal, onChange: (s) => changes.push(s), showAfterMs: 200 });
    const got = tracked.getToken('https://vault.azure.net/.default');
    mock.timers.tick(199);
    assert.deepEqual(changes, [], 'not yet');
    mock.timers.tick(1);
    assert.deepEqual(changes, [{ label: 'managed identity', since: 1_000 }]);
    answer(token);
    assert.equal(await got, token);
    assert.deepEqual(changes, [{ label: 'managed identity', since: 1_000 }, undefined]);
  } finally {
    mock.timers.reset();
  }
});
