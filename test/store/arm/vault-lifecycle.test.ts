// Vault lifecycle through the store against the emulator's ARM, as operations fed by ARM's
// long-running-operation pollers: create (provisioning shown, then a usable vault), delete →
// deleted view → recover, delete → purge running → purged; and read-only refusals that send
// nothing to ARM.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RequestLogEntry } from '../../../src/emulator/index.js';
import { createStore } from '../../../src/store/create-store.js';
import { LocalIdentityCredential } from '../../../src/auth/local-identity-credential.js';
import type { Operation } from '../../../src/store/types.js';
import type { VaultCreateInput } from '../../../src/store/arm/types.js';
import type { StoreHarness } from '../store-harness.js';
import { startStoreHarness, waitFor } from '../store-harness.js';

const log: RequestLogEntry[] = [];
let h: StoreHarness;

before(async () => {
  h = await startStoreHarness(
    { vaults: ['seed-vault'], armCreateDelayMs: 500, vaultPurgeDelayMs: 700, onRequest: (e) => log.push(e) },
    { operationIntervalMs: 50 },
    { arm: true },
  );
  h.store.discoverVaults();
  await h.until((s) => s.discovery.status === 'complete', 'discovery');
});
after(() => h?.stop());

function input(name: string): VaultCreateInput {
  return {
    subscriptionId: h.emulator.subscriptions[0].subscriptionId,
    resourceGroup: 'rg-kvx',
    name,
    location: 'westeurope',
    sku: 'standard',
    retentionDays: 7,
    purgeProtection: false,
    permissionModel: 'accessPolicies',
  };
}

const op = (id: string) => h.store.getSnapshot().operations.find((o) => o.id === id)!;
const finished = (id: string) => h.until((s) => s.operations.find((o) => o.id === id)?.state !== 'running', `operation ${id}`, 15_000).then(() => op(id));
const detailsSeen = (id: string) => [...new Set(h.snapshots.flatMap((s) => s.operations.filter((o) => o.id === id && o.state === 'running').map((o: Operation) => o.detail)))];

describe('vault lifecycle', () => {
  test('the name is checked as you type: free, taken, invalid', async () => {
    assert.deepEqual(await h.store.checkVaultName('brand-new-one'), { available: true });
    assert.equal((await h.store.checkVaultName('seed-vault')).available, false);
    assert.match((await h.store.checkVaultName('x')).message ?? '', /not a vault name/);
  });

  test('create runs as an operation showing provisioning, then the vault is listed and usable', async () => {
    const id = h.store.createVault(input('made-in-kvx'));
    assert.equal(op(id).collection, 'vaults');
    const done = await finished(id);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.equal(done.detail, 'Succeeded');
    const seen = detailsSeen(id);
    assert.ok(seen.includes('RegisteringDns') || seen.includes('InProgress'), `provisioning was shown: ${seen.join(', ')}`);
    const vault = h.store.getSnapshot().vaults.find((v) => v.name === 'made-in-kvx');
    assert.ok(vault?.arm, 'listed with its ARM facts');
    assert.equal(vault.arm.softDeleteRetentionInDays, 7);
    assert.equal(vault.arm.accessPolicies?.length, 1, 'an initial access policy for the signed-in identity');
    const created = h.store.createSecret({ vault: vault.url, name: 'first', value: 'v1' });
    assert.equal((await finished(created)).state, 'succeeded');
  });

  test('delete → the deleted-vaults view lists it → recover brings it back with its contents', async () => {
    const url = h.store.getSnapshot().vaults.find((v) => v.name === 'made-in-kvx')!.url;
    const deleted = await finished(h.store.deleteVault(url));
    assert.equal(deleted.state, 'succeeded', deleted.error?.message);
    assert.equal(h.store.getSnapshot().vaults.some((v) => v.name === 'made-in-kvx'), false);
    h.store.loadDeletedVaults();
    const s = await h.until((snap) => snap.deletedVaults.status === 'complete', 'deleted vaults');
    const gone = s.deletedVaults.items.find((d) => d.name === 'made-in-kvx');
    assert.ok(gone);
    assert.equal(gone.resourceGroup, 'rg-kvx');
    assert.ok(gone.scheduledPurgeDate && gone.deletedOn && gone.scheduledPurgeDate.getTime() - gone.deletedOn.getTime() === 7 * 86_400_000);
    const recovered = await finished(h.store.recoverVault(gone));
    assert.equal(recovered.state, 'succeeded', recovered.error?.message);
    const back = h.store.getSnapshot().vaults.find((v) => v.name === 'made-in-kvx')!;
    h.store.loadCollection(back.url, 'secrets', { refresh: true });
    await h.until((snap) => snap.vaults.find((v) => v.url === back.url)?.collections.secrets.items.some((i) => i.name === 'first') ?? false, 'its secret is back');
    await h.until((snap) => snap.deletedVaults.status === 'complete' && !snap.deletedVaults.items.some((d) => d.name === 'made-in-kvx'), 'the deleted view refreshed');
  });

  test('delete → purge runs until ARM says it finished → purged, and the name is free again', async () => {
    const url = h.store.getSnapshot().vaults.find((v) => v.name === 'made-in-kvx')!.url;
    await finished(h.store.deleteVault(url));
    h.store.loadDeletedVaults();
    const s = await h.until((snap) => snap.deletedVaults.status === 'complete' && snap.deletedVaults.items.some((d) => d.name === 'made-in-kvx'), 'deleted');
    const started = Date.now();
    const id = h.store.purgeVault(s.deletedVaults.items.find((d) => d.name === 'made-in-kvx')!);
    await waitFor(() => op(id).detail === 'purging' || op(id).detail === 'InProgress', 'purging shown');
    assert.equal(op(id).state, 'running');
    const done = await finished(id);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.equal(done.detail, 'purged');
    assert.ok(Date.now() - started >= 700, 'the operation ran as long as the purge');
    assert.equal((await h.store.checkVaultName('made-in-kvx')).available, true);
  });
});

describe('read-only', () => {
  test('every vault change is refused in the store and sends nothing to ARM', async () => {
    const readOnly = createStore({
      vaults: [],
      credential: new LocalIdentityCredential({ endpoint: h.emulator.identity.identityEndpoint, identityHeader: h.emulator.identity.identityHeader }),
      ca: h.emulator.caPem,
      readOnly: true,
      arm: { endpoint: h.emulator.armEndpoint },
    });
    try {
      readOnly.discoverVaults();
      await waitFor(() => readOnly.getSnapshot().discovery.status === 'complete', 'discovery');
      const seed = readOnly.getSnapshot().vaults.find((v) => v.name === 'seed-vault')!;
      log.length = 0;
      const deleted = { name: 'whatever', subscriptionId: h.emulator.subscriptions[0].subscriptionId, resourceGroup: 'rg', location: 'westeurope', purgeProtection: false };
      for (const attempt of [
        () => readOnly.createVault(input('never-made')),
        () => readOnly.deleteVault(seed.url),
        () => readOnly.recoverVault(deleted),
        () => readOnly.purgeVault(deleted),
      ]) {
        assert.throws(attempt, (e: Error & { class?: string }) => e.class === 'readOnly' && /read-only mode: cannot \w+ vault/.test(e.message));
      }
      assert.deepEqual(readOnly.getSnapshot().operations, []);
      assert.deepEqual(log.filter((e) => e.plane === 'arm' && e.method !== 'GET' && !e.path.endsWith('/resources')), [], 'no ARM writes');
    } finally {
      await readOnly.dispose();
    }
  });
});
