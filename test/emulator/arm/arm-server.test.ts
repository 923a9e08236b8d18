import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ManagedIdentityCredential } from '@azure/identity';
import type { ArmServer } from '../../../src/emulator/arm/arm-server.js';
import { startArmServer } from '../../../src/emulator/arm/arm-server.js';
import type { ArmVault } from '../../../src/emulator/arm/arm-resources.js';
import type { IdentityServer } from '../../../src/emulator/identity/token-server.js';
import { startIdentityServer } from '../../../src/emulator/identity/token-server.js';
import { createTlsBundle } from '../../../src/emulator/x509/tls-bundle.js';

const tls = await createTlsBundle();
const ARM_SCOPE = 'https://management.azure.com/.default';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A GET over HTTPS trusting only the emulator's CA, for what the SDK client hides. */
function rawGet(url: string, token?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    https
      .get(url, { ca: tls.caPem, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> }));
      })
      .on('error', reject);
  });
}

describe('ARM vault discovery', () => {
  let identity: IdentityServer;
  let arm: ArmServer;
  let credential: ManagedIdentityCredential;
  let token: string;
  const vaults: ArmVault[] = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((name, i) => ({
    name: `kv-${name}`,
    url: `https://127.0.0.1:${9000 + i}/`,
    resourceGroup: i < 3 ? 'rg-one' : 'rg-two',
    tags: { env: 'test' },
  }));

  before(async () => {
    identity = await startIdentityServer();
    arm = await startArmServer({
      vaults: () => vaults,
      tls,
      tenantId: identity.tenantId,
      verifyToken: identity.verifyToken,
      pageSize: 2,
    });
    // This file runs in its own process: point the real credential at the emulator's IMDS.
    Object.assign(process.env, identity.env);
    credential = new ManagedIdentityCredential();
    token = (await credential.getToken(ARM_SCOPE))?.token ?? '';
  });
  after(async () => {
    await arm.stop();
    await identity.stop();
  });

  function client(scopes?: string[]): KeyVaultManagementClient {
    return new KeyVaultManagementClient(credential, arm.subscriptions[0].subscriptionId, {
      endpoint: arm.url,
      tlsOptions: { ca: tls.caPem },
      ...(scopes ? { credentials: { scopes } } : {}),
    });
  }

  it('lists every vault with its vaultUri through listBySubscription, following nextLink', async () => {
    const pages: string[][] = [];
    for await (const page of client([ARM_SCOPE]).vaults.listBySubscription().byPage()) pages.push(page.map((v) => v.name ?? ''));
    assert.deepEqual(pages, [['kv-alpha', 'kv-bravo'], ['kv-charlie', 'kv-delta'], ['kv-echo']]);
    const all = [];
    for await (const vault of client([ARM_SCOPE]).vaults.listBySubscription()) all.push(vault);
    assert.equal(all[0].properties.vaultUri, 'https://127.0.0.1:9000/');
    assert.equal(all[0].properties.tenantId, identity.tenantId);
    assert.equal(all[0].type, 'Microsoft.KeyVault/vaults');
    assert.equal(all[0].id, `/subscriptions/${arm.subscriptions[0].subscriptionId}/resourceGroups/rg-one/providers/Microsoft.KeyVault/vaults/kv-alpha`);
    assert.deepEqual(all[0].tags, { env: 'test' });
  });

  it('answers the generic resources list the client uses for vaults.list, and honours $top', async () => {
    const names: string[] = [];
    for await (const resource of client().vaults.list()) names.push(resource.name ?? '');
    assert.deepEqual(names, ['kv-alpha', 'kv-bravo', 'kv-charlie', 'kv-delta', 'kv-echo']);
    const top: string[] = [];
    for await (const resource of client().vaults.list({ top: 3 })) top.push(resource.name ?? '');
    assert.deepEqual(top, ['kv-alpha', 'kv-bravo', 'kv-charlie']);
  });

  it('lists by resource group and gets one vault by name', async () => {
    const inGroup: string[] = [];
    for await (const vault of client().vaults.listByResourceGroup('rg-two')) inGroup.push(vault.name ?? '');
    assert.deepEqual(inGroup, ['kv-delta', 'kv-echo']);
    const one = await client().vaults.get('rg-one', 'kv-bravo');
    assert.equal(one.properties.vaultUri, 'https://127.0.0.1:9001/');
    await assert.rejects(client().vaults.get('rg-one', 'kv-nope'), (error: Error & { statusCode?: number }) => {
      assert.equal(error.statusCode, 404);
      return true;
    });
  });

  it('shows vaults added after start', async () => {
    vaults.push({ name: 'kv-late', url: 'https://[::1]:9100/' });
    try {
      const names: string[] = [];
      for await (const vault of client().vaults.listBySubscription()) names.push(vault.name ?? '');
      assert.ok(names.includes('kv-late'));
    } finally {
      vaults.pop();
    }
  });

  it('accepts tokens scoped to this endpoint under another loopback name', async () => {
    const viaLocalhost = (await identity.mintToken('system', arm.url.replace('127.0.0.1', 'localhost'))).token;
    assert.equal((await rawGet(`${arm.url}/subscriptions?api-version=2022-12-01`, viaLocalhost)).status, 200);
    const otherPort = (await identity.mintToken('system', 'https://127.0.0.1:1')).token;
    assert.equal((await rawGet(`${arm.url}/subscriptions?api-version=2022-12-01`, otherPort)).status, 401);
  });

  it('lists subscriptions with paging metadata and the tenant', async () => {
    const { status, body } = await rawGet(`${arm.url}/subscriptions?api-version=2022-12-01`, token);
    assert.equal(status, 200);
    const value = body.value as Record<string, unknown>[];
    assert.equal(value.length, 1);
    assert.equal(value[0].subscriptionId, arm.subscriptions[0].subscriptionId);
    assert.equal(value[0].tenantId, identity.tenantId);
    assert.equal(value[0].state, 'Enabled');
    assert.equal(body.nextLink, undefined);
    const single = await rawGet(`${arm.url}/subscriptions/${arm.subscriptions[0].subscriptionId}?api-version=2022-12-01`, token);
    assert.equal(single.body.displayName, 'kvx emulator');
  });

  it('requires a valid bearer token: 401 with a challenge and a JSON body otherwise', async () => {
    const url = `${arm.url}/subscriptions?api-version=2022-12-01`;
    const none = await rawGet(url);
    assert.equal(none.status, 401);
    assert.match(String(none.headers['www-authenticate']), /^Bearer authorization_uri="/);
    assert.deepEqual((none.body.error as Record<string, unknown>).code, 'AuthenticationFailed');

    const stranger = await startIdentityServer();
    try {
      const foreign = (await stranger.mintToken('system', 'https://management.azure.com/')).token;
      const rejected = await rawGet(url, foreign);
      assert.equal(rejected.status, 401);
      assert.equal((rejected.body.error as Record<string, unknown>).code, 'InvalidAuthenticationToken');
    } finally {
      await stranger.stop();
    }
    const vaultToken = (await identity.mintToken('system', 'https://vault.azure.net')).token;
    assert.equal((await rawGet(url, vaultToken)).status, 401, 'a token for another audience is refused');
  });

  it('explains bad requests with ARM error codes', async () => {
    const sub = arm.subscriptions[0].subscriptionId;
    const cases: [string, number, string][] = [
      [`/subscriptions`, 400, 'MissingApiVersionParameter'],
      [`/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`, 404, 'SubscriptionNotFound'],
      [`/subscriptions/${sub}/resources?$filter=${encodeURIComponent("resourceType eq 'Microsoft.Web/sites'")}&api-version=2015-11-01`, 400, 'InvalidFilterInQueryString'],
      [`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01&$skiptoken=garbage`, 400, 'InvalidSkipToken'],
      [`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01&$top=0`, 400, 'InvalidTopValue'],
      [`/tenants?api-version=2022-12-01`, 404, 'NotFound'],
    ];
    for (const [path, status, code] of cases) {
      const response = await rawGet(arm.url + path, token);
      assert.equal(response.status, status, path);
      assert.equal((response.body.error as Record<string, unknown>).code, code, path);
    }
  });
});

describe('ARM with several subscriptions', () => {
  it('lists each vault only under its own subscription', async () => {
    const subscriptions = [
      { subscriptionId: '11111111-1111-1111-1111-111111111111', displayName: 'prod' },
      { subscriptionId: '22222222-2222-2222-2222-222222222222', displayName: 'dev' },
    ];
    const arm = await startArmServer({
      tls,
      subscriptions,
      vaults: [
        { name: 'kv-prod', url: 'https://127.0.0.1:9200/' },
        { name: 'kv-dev', url: 'https://127.0.0.1:9201/', subscriptionId: subscriptions[1].subscriptionId },
      ],
    });
    try {
      const listed = await rawGet(`${arm.url}/subscriptions?api-version=2022-12-01`, 'any-token');
      assert.deepEqual((listed.body.value as { displayName: string }[]).map((s) => s.displayName), ['prod', 'dev']);
      for (const [sub, expected] of [[subscriptions[0], 'kv-prod'], [subscriptions[1], 'kv-dev']] as const) {
        const vaults = await rawGet(`${arm.url}/subscriptions/${sub.subscriptionId}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`, 'any-token');
        assert.deepEqual((vaults.body.value as { name: string }[]).map((v) => v.name), [expected]);
      }
    } finally {
      await arm.stop();
    }
  });
});

describe('startArmServer input checks', () => {
  it('refuses non-loopback hosts and bad vault entries with clear messages', async () => {
    await assert.rejects(startArmServer({ vaults: [], tls, host: '0.0.0.0' }), /loopback only/);
    await assert.rejects(startArmServer({ vaults: [{ name: 'x', url: 'https://127.0.0.1:1/' }], tls }), /3–24 letters/);
    await assert.rejects(startArmServer({ vaults: [{ name: 'kv-ok', url: 'http://127.0.0.1:1/' }], tls }), /https origin root/);
    await assert.rejects(startArmServer({ vaults: [{ name: 'kv-ok', url: 'nope' }], tls }), /not a URL/);
    await assert.rejects(startArmServer({ vaults: [], tls, pageSize: 0 }), /pageSize must be a positive integer/);
  });
});
