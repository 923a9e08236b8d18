// List lookups (key types, issuers) are cached per item and last-update time, which the
// service gives in whole seconds. A change kvx itself makes must be looked up again even when
// the timestamp does not move: here the emulator's clock stands still, so it never does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KeyClient } from '@azure/keyvault-keys';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

const FROZEN = Date.UTC(2026, 0, 15, 12, 0, 0);
let h: StoreHarness;
const log: RequestLogEntry[] = [];

before(async () => {
  h = await startStoreHarness({ vaults: ['frozen-vault'], clock: () => FROZEN, onRequest: (e) => log.push(e) });
  const credential = new LocalIdentityCredential({ endpoint: h.emulator.identity.identityEndpoint, identityHeader: h.emulator.identity.identityHeader });
  const keys = new KeyClient(h.emulator.vaults[0].url, credential, { tlsOptions: { ca: h.emulator.caPem }, disableChallengeResourceVerification: true });
  await keys.createRsaKey('rsa-2048', { keySize: 2048 });
});

after(async () => {
  await h?.stop();
});

const keyGets = () => log.filter((e) => e.method === 'GET' && /^\/keys\/rsa-2048\/?$/.test(e.path)).length;

test('an item kvx itself changed is looked up again, even when its timestamp did not move', async () => {
  h.store.loadCollection(h.vault('frozen-vault').url, 'keys');
  await h.until((s) => s.vaults[0].collections.keys.status === 'complete', 'keys listed');
  const item = h.collection('keys').items[0];
  h.store.enrichItems(h.vault('frozen-vault').url, 'keys', [item.id]);
  await h.until((s) => s.vaults[0].collections.keys.items[0].keyType === 'RSA 2048', 'key type');

  const id = h.store.updateProperties({ kind: 'keys', name: 'rsa-2048', vaultUrl: item.vaultUrl }, { tags: { touched: 'yes' } });
  await h.until((s) => s.operations.find((o) => o.id === id)?.state === 'succeeded', 'update finished');
  await h.until((s) => s.vaults[0].collections.keys.status === 'complete' && s.vaults[0].collections.keys.items[0].tags.touched === 'yes', 'list refreshed');
  assert.equal(h.collection('keys').items[0].updatedOn?.getTime(), item.updatedOn?.getTime(), 'the timestamp stood still');

  const before = keyGets();
  h.store.enrichItems(h.vault('frozen-vault').url, 'keys', [item.id]);
  await h.until(() => keyGets() > before, 'looked up again');
  await h.until((s) => s.vaults[0].collections.keys.items[0].keyType === 'RSA 2048', 'key type again');
});
