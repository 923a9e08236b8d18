// An emulator plus a store on it, talking HTTPS through the real SDK clients with the
// emulator's CA trusted per client, as the runtime wires it for loopback vaults.
import type { TokenCredential } from '@azure/core-auth';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import type { Emulator, EmulatorOptions } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import type { StoreOptions } from '../../src/store/create-store.js';
import { createStore } from '../../src/store/create-store.js';
import type { CollectionState, Store, StoreSnapshot, VaultState } from '../../src/store/types.js';
import { TEST_TLS_CACHE, waitFor } from '../emulator/support/emulator-harness.js';

export { waitFor };

export interface StoreHarness {
  emulator: Emulator;
  store: Store;
  /** Every snapshot the store published, in order. */
  snapshots: StoreSnapshot[];
  vault(name?: string): VaultState;
  collection(kind: 'keys' | 'secrets' | 'certificates', options?: { vault?: string; deleted?: boolean }): CollectionState;
  /** Adds secrets straight into the emulator's object store (fast, no HTTP). */
  addSecrets(count: number, vault?: string, prefix?: string): void;
  /** Resolves once the store's snapshot satisfies `check`. */
  until(check: (s: StoreSnapshot) => boolean, what: string, timeoutMs?: number): Promise<StoreSnapshot>;
  stop(): Promise<void>;
}

export interface HarnessExtras {
  /** The name the store shows for an emulator vault (two vaults may share one: `prod` in two clouds). */
  displayName?: (name: string) => string;
  /** Which emulator vaults the store opens at start (as if named on the command line); default all. */
  open?: (name: string) => boolean;
  /** Give the store the emulator's ARM (discovery, vault lifecycle). */
  arm?: boolean;
  /** Sign in as this emulator identity (e.g. 'kvx-reader'); default the system-assigned one. */
  identity?: string;
}

export async function startStoreHarness(
  emulatorOptions: EmulatorOptions = {},
  storeOptions: Partial<StoreOptions> & { credential?: TokenCredential; identity?: string } = {},
  extra: HarnessExtras = {},
): Promise<StoreHarness> {
  const { displayName = (name: string) => name, open = () => true } = extra;
  const emulator = await startEmulator({ vaults: ['store-vault'], tlsCacheDir: TEST_TLS_CACHE, ...emulatorOptions });
  const { identity, ...rest } = storeOptions;
  const who = extra.identity ?? identity;
  const store = createStore({
    vaults: emulator.vaults.filter((v) => open(v.name)).map((v) => ({ name: displayName(v.name), url: v.url, local: true })),
    ...(extra.arm ? { arm: { endpoint: emulator.armEndpoint } } : {}),
    // Real managed-identity tokens (JWTs) from the emulator's App Service style endpoint;
    // `identity` signs in as one of its user-assigned identities (e.g. 'kvx-reader').
    credential: new LocalIdentityCredential({
      endpoint: emulator.identity.identityEndpoint,
      identityHeader: emulator.identity.identityHeader,
      ...(who && who !== 'system' ? { clientId: emulator.identity.identities.byName(who).clientId } : {}),
    }),
    ca: emulator.caPem,
    retryOptions: { maxRetries: 0 },
    ...rest,
  });
  const snapshots: StoreSnapshot[] = [];
  store.subscribe(() => snapshots.push(store.getSnapshot()));
  const vault = (name = emulator.vaults.find((v) => open(v.name))?.name ?? emulator.vaults[0].name) => {
    const url = emulator.vaults.find((v) => v.name === name)?.url;
    const found = store.getSnapshot().vaults.find((v) => v.url === url);
    if (!found) throw new Error(`no vault ${name}`);
    return found;
  };
  return {
    emulator,
    store,
    snapshots,
    vault,
    collection: (kind, options = {}) => vault(options.vault)[options.deleted ? 'deleted' : 'collections'][kind],
    addSecrets(count, vaultName = emulator.vaults[0].name, prefix = 'secret') {
      const secrets = emulator.vault(vaultName).store(SECRETS);
      for (let i = 0; i < count; i++) secrets.create(`${prefix}-${String(i).padStart(5, '0')}`, { payload: { value: `value-${i}` } });
    },
    async until(check, what, timeoutMs = 10_000) {
      await waitFor(() => check(store.getSnapshot()), what, timeoutMs);
      return store.getSnapshot();
    },
    async stop() {
      await store.dispose();
      await emulator.stop();
    },
  };
}
