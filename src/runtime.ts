// What the explorer runs on, built after the first frame (its own bundle, loaded with a
// dynamic import): the store with the Azure SDK clients, and for --demo the emulator started
// in this process. Nothing here touches process-wide state: the emulator's CA is trusted per
// client and its tokens come from its identity endpoint, not from environment variables.
// One process-wide setting is made here on purpose: where the Azure SDK's own log lines go
// (the --log file or nowhere; never the screen).
import type { TokenCredential } from '@azure/core-auth';
import { createCredential, describeCredential } from './auth/create-credential.js';
import { LocalIdentityCredential } from './auth/local-identity-credential.js';
import type { Settings } from './config/settings.js';
import { CLOUDS } from './config/clouds.js';
import { rememberVaults } from './config/remember-vaults.js';
import { createStore } from './store/create-store.js';
import type { Store, VaultInfo } from './store/types.js';
import type { ConnectionOptions } from './store/vault-session.js';
import type { LogFile } from './log/log-file.js';
import { openLogFile } from './log/log-file.js';
import { requestLogPolicy } from './log/request-log-policy.js';
import { routeSdkLog } from './log/sdk-log.js';

export interface Runtime {
  store: Store;
  vaults: VaultInfo[];
  dispose(): Promise<void>;
}

/** Demo timing: slow enough to see paging, deleting and issuing happen, quick enough not to wait. */
export const DEMO_TIMING = { latencyMs: 40, jitterMs: 60, deleteDelayMs: 2000, purgeDelayMs: 1500, vaultCreateDelayMs: 2500, vaultPurgeDelayMs: 6000 } as const;

export interface RuntimeOverrides {
  /** Tests: where the demo emulator caches its TLS material. */
  tlsCacheDir?: string;
  /** Tests: a credential instead of DefaultAzureCredential for real vaults. */
  credential?: TokenCredential;
}

/** The --log file (when asked for), the SDK's log routed into it, and the request-log policy for every client. */
function startLogging(settings: Pick<Settings, 'logFile' | 'azureLogLevel'>): { log?: LogFile; connection: Pick<ConnectionOptions, 'additionalPolicies'> } {
  const log = settings.logFile ? openLogFile(settings.logFile) : undefined;
  routeSdkLog(settings.azureLogLevel, log?.write);
  if (!log) return { connection: {} };
  log.write(`kvx started${settings.azureLogLevel ? ` (AZURE_LOG_LEVEL=${settings.azureLogLevel})` : ''}`);
  return { log, connection: { additionalPolicies: [{ policy: requestLogPolicy(log.write), position: 'perRetry' }] } };
}

export async function createRuntime(settings: Settings, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const logging = startLogging(settings);
  const runtime = settings.demo ? await createDemoRuntime(settings, overrides, logging.connection) : createVaultRuntime(settings, overrides, logging.connection);
  const { log } = logging;
  if (!log) return runtime;
  let closed: Promise<void> | undefined;
  return { ...runtime, dispose: () => (closed ??= runtime.dispose().finally(() => log.close())) };
}

function createVaultRuntime(settings: Settings, overrides: RuntimeOverrides, connection: Pick<ConnectionOptions, 'additionalPolicies'>): Runtime {
  // Named vaults first, then the pinned and recent ones from the config file (once each, by URL).
  const vaults: VaultInfo[] = [];
  const add = (v: VaultInfo, origin: VaultInfo['origin']) => {
    if (!vaults.some((o) => o.url.toLowerCase() === v.url.toLowerCase())) vaults.push({ ...v, origin });
  };
  settings.vaults.forEach((v) => add(v, 'named'));
  settings.pinned?.forEach((v) => add(v, 'pinned'));
  settings.recent?.forEach((v) => add(v, 'recent'));
  const configPath = settings.configPath;
  const store = createStore({
    vaults,
    credential:
      overrides.credential ?? createCredential({ tenantId: settings.tenantId, clientId: settings.clientId, authorityHost: settings.authorityHost }),
    credentialLabel: overrides.credential ? undefined : describeCredential(process.env),
    ca: settings.ca,
    readOnly: settings.readOnly,
    ...connection,
    ...(settings.armEndpoint ? { arm: { endpoint: settings.armEndpoint } } : {}),
    ...(settings.cloud ? { vaultSuffix: CLOUDS[settings.cloud].vaultSuffix } : {}),
    memory: {
      pinned: settings.pinned?.map((v) => v.url),
      recent: settings.recent?.map((v) => v.url),
      // Best effort: a config file that cannot be written costs the memory, never the session.
      persist: configPath
        ? (lists) => {
            try {
              rememberVaults(configPath, lists);
            } catch {
              // e.g. a read-only home directory
            }
          }
        : undefined,
    },
  });
  return { store, vaults, dispose: () => store.dispose() };
}

async function createDemoRuntime(settings: Settings, overrides: RuntimeOverrides, connection: Pick<ConnectionOptions, 'additionalPolicies'>): Promise<Runtime> {
  const { startEmulator } = await import('./emulator/index.js');
  const emulator = await startEmulator({
    seed: 'demo',
    latencyMs: DEMO_TIMING.latencyMs,
    faults: { jitterMs: DEMO_TIMING.jitterMs },
    deleteDelayMs: DEMO_TIMING.deleteDelayMs,
    purgeDelayMs: DEMO_TIMING.purgeDelayMs,
    // A vault's creation and purge take minutes on the service; seconds here, still long enough to watch.
    armCreateDelayMs: DEMO_TIMING.vaultCreateDelayMs,
    vaultPurgeDelayMs: DEMO_TIMING.vaultPurgeDelayMs,
    // Access policies are enforced, so --demo-identity kvx-reader meets real 403s.
    strict: true,
    ...(overrides.tlsCacheDir ? { tlsCacheDir: overrides.tlsCacheDir } : {}),
  });
  // Like a real user's first start: no vault named, the vaults come from the emulator's ARM.
  const vaults: VaultInfo[] = [];
  let store: Store;
  try {
    store = createStore({
      vaults,
      arm: { endpoint: emulator.armEndpoint },
      credential: new LocalIdentityCredential({
        endpoint: emulator.identity.identityEndpoint,
        identityHeader: emulator.identity.identityHeader,
        ...(settings.demoIdentity ? { clientId: emulator.identity.identities.byName(settings.demoIdentity).clientId } : {}),
      }),
      credentialLabel: 'the demo\'s managed identity',
      ca: emulator.caPem,
      readOnly: settings.readOnly,
      ...connection,
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
