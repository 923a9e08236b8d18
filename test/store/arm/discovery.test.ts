// Discovery through the store against the emulator's ARM: two subscriptions listed with one
// Resource Graph query, the per-subscription fallback when Resource Graph is refused, and a
// refused ARM as one quiet error while vaults named at start stay open and usable.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RequestLogEntry } from '../../../src/emulator/index.js';
import type { StoreHarness } from '../store-harness.js';
import { startStoreHarness } from '../store-harness.js';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const log: RequestLogEntry[] = [];
let h: StoreHarness;

before(async () => {
  h = await startStoreHarness({
    vaults: [
      { name: 'named-vault' },
      { name: 'team-a-one', subscriptionId: SUB_A, resourceGroup: 'rg-a' },
      { name: 'team-b-one', subscriptionId: SUB_B, resourceGroup: 'rg-b', location: 'northeurope', purgeProtection: true, sku: 'standard' },
    ],
    subscriptions: [
      { subscriptionId: SUB_A, displayName: 'Team A' },
      { subscriptionId: SUB_B, displayName: 'Team B' },
    ],
    onRequest: (e) => log.push(e),
  }, {}, { open: (name) => name === 'named-vault', arm: true });
});
beforeEach(() => {
  h.emulator.armRefusals.all = false;
  h.emulator.armRefusals.resourceGraph = false;
  log.length = 0;
});
after(() => h?.stop());

const armPaths = () => log.filter((e) => e.plane === 'arm').map((e) => `${e.method} ${e.path.replace(/\/subscriptions\/[0-9a-f-]{36}/, '/subscriptions/S')}`);

describe('discovery', () => {
  test('lists the vaults of two subscriptions with one Resource Graph query, with their ARM facts', async () => {
    h.store.discoverVaults();
    assert.equal(h.store.getSnapshot().discovery.status, 'loading');
    const s = await h.until((snap) => snap.discovery.status === 'complete', 'discovery');
    assert.equal(s.discovery.via, 'resourceGraph');
    assert.deepEqual(s.discovery.subscriptions.map((x) => x.name), ['Team A', 'Team B']);
    assert.deepEqual(s.vaults.map((v) => v.name).sort(), ['named-vault', 'team-a-one', 'team-b-one']);
    const b = s.vaults.find((v) => v.name === 'team-b-one')!;
    assert.equal(b.arm?.subscriptionName, 'Team B');
    assert.equal(b.arm?.resourceGroup, 'rg-b');
    assert.equal(b.arm?.location, 'northeurope');
    assert.equal(b.arm?.purgeProtection, true);
    assert.equal(b.arm?.softDeleteRetentionInDays, 90);
    assert.equal(b.arm?.permissionModel, 'accessPolicies');
    assert.equal(b.arm?.sku, 'standard');
    assert.equal(b.arm?.publicNetworkAccess, 'Enabled');
    assert.equal(b.origin, 'discovered');
    // The vault named at start is the same vault (by URL), now with its ARM facts, listed once.
    const named = s.vaults.filter((v) => v.name === 'named-vault');
    assert.equal(named.length, 1);
    assert.equal(named[0].origin, 'named');
    assert.equal(named[0].arm?.subscriptionName, 'Team A');
    assert.deepEqual(armPaths().filter((p) => p.startsWith('POST')), ['POST /providers/Microsoft.ResourceGraph/resources']);
    // A discovered vault is usable at once.
    h.store.loadCollection(b.url, 'secrets');
    await h.until((snap) => snap.vaults.find((v) => v.url === b.url)?.collections.secrets.status === 'complete', 'its secrets');
  });

  test('Resource Graph refused: falls back to listing each subscription through Microsoft.KeyVault', async () => {
    h.emulator.armRefusals.resourceGraph = true;
    h.store.discoverVaults();
    const s = await h.until((snap) => snap.discovery.status === 'complete', 'discovery');
    assert.equal(s.discovery.via, 'subscriptions');
    assert.match(s.discovery.fallbackReason ?? '', /Microsoft\.ResourceGraph\/resources\/read/);
    assert.deepEqual(s.vaults.map((v) => v.name).sort(), ['named-vault', 'team-a-one', 'team-b-one']);
    const lists = armPaths().filter((p) => p.endsWith('/providers/Microsoft.KeyVault/vaults'));
    assert.equal(lists.length, 2, lists.join('\n'));
  });

  test('ARM refused: one quiet error, and the vault named at start still opens and lists', async () => {
    h.emulator.armRefusals.all = true;
    h.store.discoverVaults();
    const s = await h.until((snap) => snap.discovery.status === 'error', 'the refusal');
    assert.equal(s.discovery.error?.class, 'forbidden');
    assert.match(s.discovery.error?.message ?? '', /authorization/i);
    const named = s.vaults.find((v) => v.name === 'named-vault')!;
    h.store.loadCollection(named.url, 'keys', { refresh: true });
    await h.until((snap) => snap.vaults.find((v) => v.url === named.url)?.collections.keys.status === 'complete', 'the named vault lists');
  });
});
