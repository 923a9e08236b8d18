// What createStore takes: the vaults, the credential, and the knobs tests and the runtime turn.
import type { TokenCredential } from '@azure/core-auth';
import type { VaultInfo } from './types.js';
import type { VaultMemoryLists } from './vault-memory.js';
import type { ConnectionOptions } from './vault-session.js';

export interface StoreOptions extends ConnectionOptions {
  vaults: readonly VaultInfo[];
  credential: TokenCredential;
  readOnly?: boolean;
  /** Epoch ms; reveal deadlines are computed with it. */
  now?: () => number;
  /** Items per page, 1–25 (the service's maximum and the default). */
  maxPageSize?: number;
  /** How long a revealed secret stays visible; default 30 s. */
  hideAfterMs?: number;
  /** How many times a throttled load retries by itself after Retry-After; default 3. */
  throttleRetries?: number;
  /** Time between polls of a running operation (delete, recover, purge, certificate create); default 1000 ms. */
  operationIntervalMs?: number;
  /** How many item lookups enrichItems() runs at a time; default 4. */
  enrichConcurrency?: number;
  /** What signs in, for people ("managed identity"); default the credential's class name. */
  credentialLabel?: string;
  /** Azure Resource Manager for discovery and vault lifecycle; without it those are off. */
  arm?: { endpoint: string };
  /** DNS suffix for vaults opened by bare name (`:vault NAME`): the cloud's, default vault.azure.net. */
  vaultSuffix?: string;
  /** Pinned and recently opened vaults (URLs) from the config file, and where changes to them go. */
  memory?: { pinned?: string[]; recent?: string[]; persist?: (lists: VaultMemoryLists) => void };
  /** scanVaults(): lists loading at once overall (default 8) and per vault (default 2). */
  scanConcurrency?: { overall?: number; perVault?: number };
  /** While a list loads, pages arriving within this many ms are shown together; default 100. */
  coalesceMs?: number;
}
