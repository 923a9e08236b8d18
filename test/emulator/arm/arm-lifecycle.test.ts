// The emulator's ARM through @azure/arm-keyvault: vault create (long-running, provisioning
// state), delete, deleted vaults, recover, purge (long-running, with a delay), name checks,
// access policies, and that what ARM says is what the vault's data plane applies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { CertificateClient } from '@azure/keyvault-certificates';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Emulator, RequestLogEntry } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { TEST_TLS_CACHE } from '../support/emulator-harness.js';

let emu: Emulator;
const log: RequestLogEntry[] = [];
const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';

/** Tokens the emulator's identity server mints for one of its identities, for any resource. */
function as(name: string): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0] : scopes;
      const minted = await emu.identity.mintToken(name, scope.replace(/\/\.default$/, ''));
      return { token: minted.token, expiresOnTimestamp: minted.expiresOn * 1000 };
    },
  };
}

before(async () => {
  emu = await startEmulator({
    vaults: [{ name: 'arm-one', resourceGroup: 'rg-a' }, { name: 'arm-two', subscriptionId: SUB_B, resourceGroup: 'rg-b', location: 'northeurope' }],
    subscriptions: [
      { subscriptionId: SUB_A, displayName: 'Team A' },
      { subscriptionId: SUB_B, displayName: 'Team B' },
    ],
    strict: true,
    armCreateDelayMs: 300,
    vaultPurgeDelayMs: 400,
    tlsCacheDir: TEST_TLS_CACHE,
    onRequest: (e) => log.push(e),
  });
});
after(() => emu.stop());

const arm = (subscription = SUB_A, identity = 'kvx-app') =>
  new KeyVaultManagementClient(as(identity), subscription, { endpoint: emu.armEndpoint, tlsOptions: { ca: emu.caPem }, retryOptions: { maxRetries: 0 } });
const dataOptions = () => ({ tlsOptions: { ca: emu.caPem }, disableChallengeResourceVerification: true, retryOptions: { maxRetries: 0 } });

function newVault(purgeProtection = false) {
  const app = emu.identity.identities.byName('kvx-app');
  return {
    location: 'westeurope',
    properties: {
      tenantId: emu.tenantId,
      sku: { family: 'A' as const, name: 'standard' as const },
      softDeleteRetentionInDays: 7,
      enablePurgeProtection: purgeProtection ? true : undefined,
      accessPolicies: [{ tenantId: emu.tenantId, objectId: app.objectId, permissions: { secrets: ['all'], keys: ['all'], certificates: ['all'] } }],
    },
  };
}

describe('vault lifecycle through @azure/arm-keyvault', () => {
  test('checkNameAvailability: taken, free, invalid', async () => {
    assert.deepEqual(await arm().vaults.checkNameAvailability({ name: 'arm-two', type: 'Microsoft.KeyVault/vaults' }), {
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: "The vault name 'arm-two' is already in use.",
    });
    assert.equal((await arm().vaults.checkNameAvailability({ name: 'brand-new-vault', type: 'Microsoft.KeyVault/vaults' })).nameAvailable, true);
    const invalid = await arm().vaults.checkNameAvailability({ name: 'a--b', type: 'Microsoft.KeyVault/vaults' });
    assert.equal(invalid.reason, 'AccountNameInvalid');
  });

  test('create is long-running: RegisteringDns while provisioning, then a usable vault at its vaultUri', async () => {
    const poller = await arm().vaults.beginCreateOrUpdate('rg-new', 'made-by-arm', newVault(), { updateIntervalInMs: 50 });
    assert.equal(poller.isDone(), false);
    const states: string[] = [];
    poller.onProgress((state) => states.push(state.status));
    const vault = await poller.pollUntilDone();
    assert.equal(vault.properties.provisioningState, 'Succeeded');
    assert.ok(states.includes('running'), `progress reported running: ${states.join(',')}`);
    const initial = log.find((e) => e.plane === 'arm' && e.method === 'PUT' && e.path.endsWith('/made-by-arm'));
    assert.equal(initial?.status, 201);
    const secrets = new SecretClient(vault.properties.vaultUri!, as('kvx-app'), dataOptions());
    await secrets.setSecret('hello', 'world');
    assert.equal((await secrets.getSecret('hello')).value, 'world');
    assert.equal(emu.vaults.some((v) => v.name === 'made-by-arm'), true);
  });

  test('delete → listed under deletedVaults → recover (createMode recover) with its contents', async () => {
    const before = await arm().vaults.get('rg-new', 'made-by-arm');
    await arm().vaults.delete('rg-new', 'made-by-arm');
    await assert.rejects(arm().vaults.get('rg-new', 'made-by-arm'), (e: Error & { statusCode?: number }) => {
      assert.equal(e.statusCode, 404);
      assert.match(e.message, /Microsoft\.KeyVault\/vaults\/made-by-arm' under resource group 'rg-new'/);
      return true;
    });
    const deleted = [];
    for await (const d of arm().vaults.listDeleted()) deleted.push(d);
    const mine = deleted.find((d) => d.name === 'made-by-arm');
    assert.ok(mine, 'listed as deleted');
    assert.equal(mine.properties?.location, 'westeurope');
    assert.equal((await arm().vaults.getDeleted('made-by-arm', 'westeurope')).name, 'made-by-arm');
    const taken = await arm().vaults.checkNameAvailability({ name: 'made-by-arm', type: 'Microsoft.KeyVault/vaults' });
    assert.equal(taken.nameAvailable, false);
    await assert.rejects(arm().vaults.beginCreateOrUpdateAndWait('rg-new', 'made-by-arm', newVault()), (e: Error & { statusCode?: number }) => e.statusCode === 409);
    const recovered = await arm().vaults.beginCreateOrUpdateAndWait(
      'rg-new',
      'made-by-arm',
      { location: 'westeurope', properties: { tenantId: emu.tenantId, sku: { family: 'A', name: 'standard' }, createMode: 'recover' } },
      { updateIntervalInMs: 50 },
    );
    assert.equal(recovered.properties.vaultUri, before.properties.vaultUri);
    const secrets = new SecretClient(recovered.properties.vaultUri!, as('kvx-app'), dataOptions());
    assert.equal((await secrets.getSecret('hello')).value, 'world');
  });

  test('purge is long-running: running until the purge delay passes, then the deleted vault is gone', async () => {
    await arm().vaults.beginCreateOrUpdateAndWait('rg-new', 'to-purge', newVault(), { updateIntervalInMs: 50 });
    await arm().vaults.delete('rg-new', 'to-purge');
    const poller = await arm().vaults.beginPurgeDeleted('to-purge', 'westeurope', { updateIntervalInMs: 50 });
    await poller.poll();
    assert.equal(poller.isDone(), false, 'still purging after the first poll');
    await poller.pollUntilDone();
    await assert.rejects(arm().vaults.getDeleted('to-purge', 'westeurope'), (e: Error & { statusCode?: number }) => e.statusCode === 404);
    assert.equal((await arm().vaults.checkNameAvailability({ name: 'to-purge', type: 'Microsoft.KeyVault/vaults' })).nameAvailable, true);
  });

  test('purge protection and retention days reported by ARM are what the data plane applies', async () => {
    const vault = await arm().vaults.beginCreateOrUpdateAndWait('rg-new', 'guarded', newVault(true), { updateIntervalInMs: 50 });
    assert.equal(vault.properties.enablePurgeProtection, true);
    assert.equal(vault.properties.softDeleteRetentionInDays, 7);
    const secrets = new SecretClient(vault.properties.vaultUri!, as('kvx-app'), dataOptions());
    await secrets.setSecret('kept', 'v');
    const deleted = await (await secrets.beginDeleteSecret('kept', { intervalInMs: 20 })).pollUntilDone();
    assert.equal(deleted.properties.recoveryLevel, 'CustomizedRecoverable');
    assert.equal(deleted.properties.recoverableDays, 7);
    await assert.rejects(secrets.purgeDeletedSecret('kept'), (e: Error & { statusCode?: number }) => e.statusCode === 403);
    const patched = await arm().vaults.update('rg-new', 'guarded', { properties: { softDeleteRetentionInDays: 30 } });
    assert.equal(patched.properties?.softDeleteRetentionInDays, 30);
    await secrets.setSecret('later', 'v');
    const later = await (await secrets.beginDeleteSecret('later', { intervalInMs: 20 })).pollUntilDone();
    assert.equal(later.properties.recoverableDays, 30);
    await arm().vaults.delete('rg-new', 'guarded');
    await assert.rejects(arm().vaults.beginPurgeDeletedAndWait('guarded', 'westeurope'), (e: Error & { statusCode?: number }) => e.statusCode === 409);
  });

  test('an access policy added through ARM changes what the vault allows on the next request', async () => {
    const url = emu.vaults.find((v) => v.name === 'arm-one')!.url;
    const certificates = new CertificateClient(url, as('kvx-reader'), dataOptions());
    const list = () => certificates.listPropertiesOfCertificates().byPage().next();
    await assert.rejects(list(), (e: Error & { statusCode?: number }) => e.statusCode === 403);
    const reader = emu.identity.identities.byName('kvx-reader');
    const result = await arm().vaults.updateAccessPolicy('rg-a', 'arm-one', 'add', {
      properties: { accessPolicies: [{ tenantId: emu.tenantId, objectId: reader.objectId, permissions: { certificates: ['list'] } }] },
    });
    const entry = result.properties.accessPolicies.find((p) => p.objectId === reader.objectId);
    assert.deepEqual(entry?.permissions.certificates, ['get', 'list']);
    await list();
    const vault = await arm().vaults.get('rg-a', 'arm-one');
    assert.deepEqual(vault.properties.accessPolicies?.find((p) => p.objectId === reader.objectId)?.permissions.certificates, ['get', 'list']);
    await arm().vaults.updateAccessPolicy('rg-a', 'arm-one', 'remove', {
      properties: { accessPolicies: [{ tenantId: emu.tenantId, objectId: reader.objectId, permissions: { certificates: ['list'] } }] },
    });
    await assert.rejects(list(), (e: Error & { statusCode?: number }) => e.statusCode === 403);
  });

  test('vaults list per subscription; the operations list names the actions', async () => {
    const inB: string[] = [];
    for await (const v of arm(SUB_B).vaults.listBySubscription()) inB.push(v.name ?? '');
    assert.deepEqual(inB, ['arm-two']);
    const ops = [];
    for await (const op of arm().operations.list()) ops.push(op.name);
    assert.ok(ops.includes('Microsoft.KeyVault/locations/deletedVaults/purge/action'));
  });

  test('a bad create says what is wrong: missing location, bad retention', async () => {
    await assert.rejects(
      arm().vaults.beginCreateOrUpdateAndWait('rg-new', 'bad-one', { ...newVault(), location: '' }),
      (e: Error & { statusCode?: number }) => e.statusCode === 400 && /location/.test(e.message),
    );
    const bad = newVault();
    bad.properties.softDeleteRetentionInDays = 3;
    await assert.rejects(arm().vaults.beginCreateOrUpdateAndWait('rg-new', 'bad-two', bad), (e: Error) => /7 to 90/.test(e.message));
  });
});

describe('Resource Graph resources query', () => {
  const QUERY = "resources | where type =~ 'microsoft.keyvault/vaults' | project id, name, resourceGroup, location, subscriptionId, properties";

  async function graph(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const token = (await as('kvx-app').getToken(`${emu.armEndpoint}/.default`))!.token;
    const { request } = await import('node:https');
    return new Promise((resolve, reject) => {
      const req = request(
        `${emu.armEndpoint}/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`,
        { method: 'POST', ca: emu.caPem, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }

  test('one query lists the vaults of every subscription, paged with $skipToken', async () => {
    const first = await graph({ subscriptions: [SUB_A, SUB_B], query: QUERY, options: { $top: 1, resultFormat: 'objectArray' } });
    assert.equal(first.status, 200);
    const data = first.json.data as { name: string; subscriptionId: string }[];
    assert.equal(data.length, 1);
    assert.ok(typeof first.json.$skipToken === 'string');
    const names = [data[0].name];
    let token = first.json.$skipToken as string | undefined;
    while (token) {
      const next = await graph({ subscriptions: [SUB_A, SUB_B], query: QUERY, options: { $top: 1, $skipToken: token } });
      names.push(...(next.json.data as { name: string }[]).map((d) => d.name));
      token = next.json.$skipToken as string | undefined;
    }
    assert.ok(names.includes('arm-one') && names.includes('arm-two'), names.join(','));
  });

  test('another query gets the service\'s InvalidQuery error; a refused Resource Graph is a 403', async () => {
    const other = await graph({ query: 'resources | take 5' });
    assert.equal(other.status, 400);
    const error = other.json.error as { code: string; details: { code: string }[] };
    assert.equal(error.code, 'BadRequest');
    assert.equal(error.details[0].code, 'InvalidQuery');
    emu.armRefusals.resourceGraph = true;
    try {
      const refused = await graph({ query: QUERY });
      assert.equal(refused.status, 403);
      assert.equal((refused.json.error as { code: string }).code, 'AuthorizationFailed');
    } finally {
      emu.armRefusals.resourceGraph = false;
    }
  });
});
