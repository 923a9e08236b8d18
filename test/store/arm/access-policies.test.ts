// Access policies through the store and the emulator's ARM in strict mode: the reader's 403
// on listing certificates turns into a list once an admin adds `list` for it through
// vaults.updateAccessPolicy; remove takes it away again; bad permission names are refused
// before anything is sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LocalIdentityCredential } from '../../../src/auth/local-identity-credential.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Store } from '../../../src/store/types.js';
import { TEST_TLS_CACHE, waitFor } from '../../emulator/support/emulator-harness.js';

let emu: Emulator;
let admin: Store;
let reader: Store;

function storeAs(identity: string): Store {
  const clientId = identity === 'system' ? undefined : emu.identity.identities.byName(identity).clientId;
  return createStore({
    vaults: [{ name: 'policy-vault', url: emu.vaults[0].url, local: true }],
    credential: new LocalIdentityCredential({ endpoint: emu.identity.identityEndpoint, identityHeader: emu.identity.identityHeader, ...(clientId ? { clientId } : {}) }),
    ca: emu.caPem,
    retryOptions: { maxRetries: 0 },
    operationIntervalMs: 50,
    arm: { endpoint: emu.armEndpoint },
  });
}

before(async () => {
  emu = await startEmulator({ vaults: ['policy-vault'], strict: true, tlsCacheDir: TEST_TLS_CACHE });
  admin = storeAs('kvx-app');
  reader = storeAs('kvx-reader');
  admin.discoverVaults();
  await waitFor(() => admin.getSnapshot().discovery.status === 'complete', 'discovery', 10_000);
});
after(async () => {
  await admin?.dispose();
  await reader?.dispose();
  await emu?.stop();
});

const url = () => emu.vaults[0].url;
const certificates = (s: Store) => s.getSnapshot().vaults[0].collections.certificates;
const done = (s: Store, id: string) => waitFor(() => s.getSnapshot().operations.find((o) => o.id === id)?.state !== 'running', 'operation', 10_000).then(() => s.getSnapshot().operations.find((o) => o.id === id)!);

test('adding list on certificates for the reader turns its 403 into a list; removing it brings the 403 back', async () => {
  reader.loadCollection(url(), 'certificates');
  await waitFor(() => certificates(reader).status === 'error', 'the 403', 10_000);
  assert.deepEqual(certificates(reader).error?.permission, { action: 'list', collection: 'certificates' });

  const vault = admin.getSnapshot().vaults[0];
  assert.equal(vault.arm?.permissionModel, 'accessPolicies');
  const readerId = emu.identity.identities.byName('kvx-reader').objectId;
  const before = vault.arm?.accessPolicies?.find((p) => p.objectId === readerId);
  assert.deepEqual(before?.permissions.certificates, ['get']);

  const added = await done(admin, admin.updateAccessPolicy(url(), 'add', { objectId: readerId, permissions: { keys: [], secrets: [], certificates: ['list'] } }));
  assert.equal(added.state, 'succeeded', added.error?.message);
  assert.equal(added.detail, 'policy added');
  const after = admin.getSnapshot().vaults[0].arm?.accessPolicies?.find((p) => p.objectId === readerId);
  assert.deepEqual(after?.permissions.certificates, ['get', 'list'], 'the store read the policies again');

  reader.loadCollection(url(), 'certificates', { refresh: true });
  await waitFor(() => certificates(reader).status === 'complete', 'the list', 10_000);

  const removed = await done(admin, admin.updateAccessPolicy(url(), 'remove', { objectId: readerId, permissions: { keys: [], secrets: [], certificates: ['list'] } }));
  assert.equal(removed.state, 'succeeded', removed.error?.message);
  reader.loadCollection(url(), 'certificates', { refresh: true });
  await waitFor(() => certificates(reader).status === 'error', 'the 403 again', 10_000);
});

test('unknown permission names and a bad object id are refused before anything is sent', () => {
  const readerId = emu.identity.identities.byName('kvx-reader').objectId;
  assert.throws(
    () => admin.updateAccessPolicy(url(), 'add', { objectId: readerId, permissions: { keys: [], secrets: ['read'], certificates: [] } }),
    (e: Error & { field?: string }) => e.field === 'secrets' && /Unknown secrets permission "read"; allowed: get, list, set/.test(e.message),
  );
  assert.throws(() => admin.updateAccessPolicy(url(), 'add', { objectId: 'me', permissions: { keys: [], secrets: ['get'], certificates: [] } }), /Object id/);
});
