// What the explorer runs on, built after the first frame (its own bundle, loaded with a
// dynamic import): the store with the Azure SDK clients, and for --demo the emulator started
// in this process. Nothing here touches process-wide state: the emulator's CA is trusted per
// client and its tokens come from its identity endpoint, not from environment variables.
import type { TokenCredential } from '@azure/core-auth';
import { createCredential, describeCredential } from './auth/create-credential.js';
import { LocalIdentityCredential } from './auth/local-identity-credential.js';
import type { Settings } from './config/settings.js';
import { createStore } from './store/create-store.js';
import type { Store, VaultInfo } from './store/types.js';

export interface Runtime {
  store: Store;
  vaults: VaultInfo[];
  dispose(): Promise<void>;
}

/** Demo timing: slow enough to see paging, deleting and issuing happen, quick enough not to wait. */
export const DEMO_TIMING = { latencyMs: 40, jitterMs: 60, deleteDelayMs: 2000, purgeDelayMs: 1500 } as const;

export interface RuntimeOverrides {
  /** Tests: where the demo emulator caches its TLS material. */
  tlsCacheDir?: string;
  /** Tests: a credential instead of DefaultAzureCredential for real vaults. */
  credential?: TokenCredential;
}

export async function createRuntime(settings: Settings, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  if (settings.demo) return createDemoRuntime(settings, overrides);
  const vaults = settings.vaults.map((v) => ({ ...v }));
  const store = createStore({
    vaults,
    credential: overrides.credential ?? createCredential({ tenantId: settings.tenantId, clientId: settings.clientId }),
    credentialLabel: overrides.credential ? undefined : describeCredential(process.env),
    ca: settings.ca,
    readOnly: settings.readOnly,
  });
  return { store, vaults, dispose: () => store.dispose() };
}

async function createDemoRuntime(settings: Settings, overrides: RuntimeOverrides): Promise<Runtime> {
  const { startEmulator } = await import('./emulator/index.js');
  const emulator = await startEmulator({
    seed: 'demo',
    latencyMs: DEMO_TIMING.latencyMs,
    faults: { jitterMs: DEMO_TIMING.jitterMs },
    deleteDelayMs: DEMO_TIMING.deleteDelayMs,
    purgeDelayMs: DEMO_TIMING.purgeDelayMs,
    // Access policies are enforced, so --demo-identity kvx-reader meets real 403s.
    strict: true,
    ...(overrides.tlsCacheDir ? { tlsCacheDir: overrides.tlsCacheDir } : {}),
  });
  const vaults: VaultInfo[] = emulator.vaults.map((v) => ({ name: v.name, url: v.url, local: true }));
  let store: Store;
  try {
    store = createStore({
      vaults,
      credential: new LocalIdentityCredential({
        endpoint: emulator.identity.identityEndpoint,
        identityHeader: emulator.identity.identityHeader,
        ...(settings.demoIdentity ? { clientId: emulator.identity.identities.byName(settings.demoIdentity).clientId } : {}),
      }),
      credentialLabel: 'the demo\'s managed identity',
      ca: emulator.caPem,
      readOnly: settings.readOnly,
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  let disposed: Promise<void> | undefined;
  return {
    store,
    vaults,
    dispose() {
      disposed ??= store.dispose().finally(() => emulator.stop());
      return disposed;
    },
  };
}
