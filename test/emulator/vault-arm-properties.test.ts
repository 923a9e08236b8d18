// ARM reports what each emulated vault does: its SKU (which decides whether HSM keys are
// taken), soft delete and retention, purge protection, and in strict mode the access
// policies it enforces; a vault that does not exist is a 404 naming it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from './support/emulator-harness.js';
import { rawRequest } from './support/raw-request.js';

describe('ARM vault properties', () => {
  let emu: Emulator;
  let token: string;
  const vaultPath = (name: string) =>
    `${emu.armEndpoint}/subscriptions/${emu.identity.identities.subscriptionId}/resourceGroups/kvx-emulator/providers/Microsoft.KeyVault/vaults/${name}?api-version=2023-07-01`;
  const get = async (name: string) => rawRequest(vaultPath(name), { ca: emu.caPem, token });

  before(async () => {
    emu = await startEmulator({
      tlsCacheDir: TEST_TLS_CACHE,
      strict: true,
      vaults: [{ name: 'plain-vault' }, { name: 'locked-vault', purgeProtection: true, recoverableDays: 7, sku: 'standard' }],
      accessPolicies: [{ identity: 'kvx-reader', permissions: { secrets: ['get', 'list'] } }],
    });
    token = (await emu.identity.mintToken('kvx-app', 'https://management.azure.com')).token;
  });
  after(async () => {
    await emu.stop();
  });

  it('match the vault: SKU, soft delete, retention, purge protection', async () => {
    const plain = (await get('plain-vault')).json as { properties: Record<string, unknown> };
    assert.deepEqual(plain.properties.sku, { family: 'A', name: 'premium' });
    assert.equal(plain.properties.enableSoftDelete, true);
    assert.equal(plain.properties.softDeleteRetentionInDays, 90);
    assert.equal(plain.properties.enablePurgeProtection, undefined);
    const locked = (await get('locked-vault')).json as { properties: Record<string, unknown> };
    assert.deepEqual(locked.properties.sku, { family: 'A', name: 'standard' });
    assert.equal(locked.properties.softDeleteRetentionInDays, 7);
    assert.equal(locked.properties.enablePurgeProtection, true);
  });

  it('list the access policies the vault enforces in strict mode, and follow changes', async () => {
    const reader = emu.identity.identities.byName('kvx-reader');
    const before = (await get('plain-vault')).json as { properties: { enableRbacAuthorization: boolean; accessPolicies: unknown[] } };
    assert.equal(before.properties.enableRbacAuthorization, false);
    assert.deepEqual(before.properties.accessPolicies, [
      { tenantId: emu.tenantId, objectId: reader.objectId, permissions: { keys: [], secrets: ['get', 'list'], certificates: [] } },
    ]);
    emu.setAccessPolicies('plain-vault', []);
    const after = (await get('plain-vault')).json as { properties: { accessPolicies: unknown[] } };
    assert.deepEqual(after.properties.accessPolicies, []);
  });

  it('a missing vault is a 404 naming it', async () => {
    const res = await get('no-such-vault');
    assert.equal(res.status, 404);
    const error = (res.json as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'ResourceNotFound');
    assert.match(error.message, /^The Resource 'Microsoft\.KeyVault\/vaults\/no-such-vault' under resource group 'kvx-emulator' was not found\./);
  });
});
