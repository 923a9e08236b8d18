// A vault client's first request is a challenge (401 naming the resource and tenant); its
// token is asked for beside it rather than after it, and the client takes that token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import { prefetchingCredential, vaultTokenScope } from '../../src/store/token-prefetch.js';
import { startStoreHarness } from './store-harness.js';

test("a vault's first list asks for its token before the challenge's 401 is back, and the client uses that token: one sign-in", async () => {
  const events: string[] = [];
  const recorder: PipelinePolicy = {
    name: 'record-responses',
    async sendRequest(request, next) {
      const response = await next(request);
      events.push(`response ${response.status}`);
      return response;
    },
  };
  // Real tokens from the harness's emulator (its identity endpoint exists once it started).
  const identity: { credential?: TokenCredential } = {};
  const data = await startStoreHarness(
    { vaults: ['prefetch-vault'] },
    {
      credential: {
        getToken(scopes: string | string[], options?: GetTokenOptions) {
          events.push(`getToken ${[scopes].flat().join(' ')}`);
          return identity.credential!.getToken(scopes, options);
        },
      },
      additionalPolicies: [{ policy: recorder, position: 'perRetry' }],
    },
  );
  identity.credential = new LocalIdentityCredential({ endpoint: data.emulator.identity.identityEndpoint, identityHeader: data.emulator.identity.identityHeader });
  try {
    data.addSecrets(30);
    data.store.loadCollection(data.vault().url, 'secrets');
    await data.until(() => data.collection('secrets').status === 'complete', 'the list loaded');
    assert.equal(data.collection('secrets').items.length, 30);
    const challenge = events.indexOf('response 401');
    assert.ok(challenge >= 0, `the client met the challenge: ${events.join(', ')}`);
    assert.deepEqual(
      events.slice(0, challenge).filter((e) => e.startsWith('getToken')),
      ['getToken https://vault.azure.net/.default'],
      `the token was asked for before the 401 came back: ${events.join(', ')}`,
    );
    assert.equal(events.filter((e) => e.startsWith('getToken')).length, 1, `one sign-in: ${events.join(', ')}`);
  } finally {
    await data.stop();
  }
});

test('the scope a vault will name follows from its host: the cloud suffix, the public cloud for a loopback emulator, none for other hosts', () => {
  assert.equal(vaultTokenScope('https://prod-kv.vault.azure.net'), 'https://vault.azure.net/.default');
  assert.equal(vaultTokenScope('https://prod-kv.vault.azure.net:443/'), 'https://vault.azure.net/.default');
  assert.equal(vaultTokenScope('https://gov-kv.vault.usgovcloudapi.net'), 'https://vault.usgovcloudapi.net/.default');
  assert.equal(vaultTokenScope('https://cn-kv.vault.azure.cn'), 'https://vault.azure.cn/.default');
  assert.equal(vaultTokenScope('https://127.0.0.1:8443'), 'https://vault.azure.net/.default');
  assert.equal(vaultTokenScope('https://[::1]:8443'), 'https://vault.azure.net/.default');
  assert.equal(vaultTokenScope('https://hsm.managedhsm.azure.net'), undefined);
  assert.equal(vaultTokenScope('https://vault.example.com'), undefined);
});

/** A JWT-shaped token from tenant `tid` (only its payload is read). */
const tokenFrom = (tid: string, n: number): AccessToken => ({
  token: `e30.${Buffer.from(JSON.stringify({ tid, n })).toString('base64url')}.sig`,
  expiresOnTimestamp: Date.now() + 3_600_000,
});

function countingCredential(tid: string) {
  const calls: { scopes: string; options?: GetTokenOptions }[] = [];
  const credential: TokenCredential = {
    getToken: async (scopes, options) => {
      calls.push({ scopes: [scopes].flat().join(' '), options });
      return tokenFrom(options?.tenantId ?? tid, calls.length);
    },
  };
  return { credential, calls };
}

test('the prefetched token serves the first getToken for its scope when the tenant asked for is the token’s, once', async () => {
  const { credential, calls } = countingCredential('tenant-a');
  const prefetching = prefetchingCredential(credential);
  prefetching.prefetch('https://vault.azure.net/.default');
  prefetching.prefetch('https://vault.azure.net/.default');
  assert.equal(calls.length, 1, 'once per scope');
  const first = await prefetching.getToken(['https://vault.azure.net/.default'], { enableCae: true, tenantId: 'tenant-a' });
  assert.equal(first?.token, tokenFrom('tenant-a', 1).token);
  assert.equal(calls.length, 1, 'served by the prefetch');
  await prefetching.getToken(['https://vault.azure.net/.default'], { enableCae: true, tenantId: 'tenant-a' });
  assert.equal(calls.length, 2, 'a prefetched token serves one call; later ones go to the credential (which caches)');
});

test('a prefetched token for another tenant, another scope, or a call with claims is not used: the credential is asked as the client asks', async () => {
  const { credential, calls } = countingCredential('home-tenant');
  const prefetching = prefetchingCredential(credential);
  prefetching.prefetch('https://vault.azure.net/.default');
  const other = await prefetching.getToken(['https://vault.azure.net/.default'], { enableCae: true, tenantId: 'vault-tenant' });
  assert.equal(other?.token, tokenFrom('vault-tenant', 2).token);
  assert.deepEqual(calls.at(-1), { scopes: 'https://vault.azure.net/.default', options: { enableCae: true, tenantId: 'vault-tenant' } });

  const second = prefetchingCredential(credential);
  second.prefetch('https://vault.azure.net/.default');
  await second.getToken('https://management.azure.com/.default', {});
  assert.equal(calls.at(-1)?.scopes, 'https://management.azure.com/.default');
  const before = calls.length;
  await second.getToken(['https://vault.azure.net/.default'], { enableCae: true, claims: '{"access_token":{}}' });
  assert.equal(calls.length, before + 1, 'claims (a CAE challenge) always go to the credential');
});

test('a prefetch that failed leaves the client to ask again, and meet the error itself', async () => {
  let n = 0;
  const prefetching = prefetchingCredential({
    getToken: async () => {
      n++;
      throw new Error(`no identity (${n})`);
    },
  });
  prefetching.prefetch('https://vault.azure.net/.default');
  await assert.rejects(prefetching.getToken(['https://vault.azure.net/.default'], { enableCae: true }), /no identity \(2\)/);
});
