/**
 * The options of `startEmulator` and their checks: vault names, loopback-only host, delays
 * and recovery settings. Apart from index.ts so the start-up sequence there reads without
 * the validation rules in between; every check throws an Error saying what is allowed.
 */
import { isIP } from 'node:net';
import type { AccessPolicyInput } from './access/access-policies.js';
import type { FaultSettings } from './faults.js';
import type { RecoveryLevel } from './recovery-level.js';
import { RECOVERY_LEVELS } from './recovery-level.js';
import type { SeedName } from './seed.js';
import { DEMO_VAULTS } from './seed.js';
import type { RequestLogEntry } from './server.js';

export interface VaultOptions {
  name: string;
  /** Default from purgeProtection and recoverableDays: `Recoverable+Purgeable`, `Recoverable`, `CustomizedRecoverable…`. */
  recoveryLevel?: RecoveryLevel;
  /** 7 to 90; default 90. */
  recoverableDays?: number;
  /** Purge then answers 403, as on a purge-protected vault. */
  purgeProtection?: boolean;
  deleteDelayMs?: number;
  purgeDelayMs?: number;
  /** Who may do what on this vault in strict mode; default `EmulatorOptions.accessPolicies`. */
  accessPolicies?: AccessPolicyInput[];
  /** Where ARM lists it: default the first subscription, group `kvx-emulator`, `westeurope`. */
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  tags?: Record<string, string>;
  /** The vault's pricing tier, as ARM reports it; `standard` refuses HSM key types. Default `premium`. */
  sku?: VaultSku;
}

export type VaultSku = 'standard' | 'premium';
export const VAULT_SKUS: readonly VaultSku[] = ['standard', 'premium'];

export interface EmulatorOptions {
  /** Vault names (3–24 of a-z, 0-9, '-') or full options. Default: the demo vaults for seed `demo`, else one vault `kvx-local`. */
  vaults?: (string | VaultOptions)[];
  /** Settings for every vault that does not set its own. */
  vaultDefaults?: Omit<VaultOptions, 'name'>;
  /** Default `empty`. */
  seed?: SeedName;
  /** Seed string for the demo PRNG; default `kvx-demo`. */
  seedRandom?: string;
  /** The moment seeds treat as now (epoch ms); default the start time. */
  seedNow?: number;
  /** How long a delete takes before the item shows under /deleted* (ms); default 0. */
  deleteDelayMs?: number;
  /** How long a purge takes; the name stays taken meanwhile (ms); default 0. */
  purgeDelayMs?: number;
  /** How long a created certificate stays `inProgress` (ms); default 1500 with seed `demo` (visible in the UI), else 0. */
  certificateIssueDelayMs?: number;
  /** Shorthand for `faults.latencyMs`. */
  latencyMs?: number;
  faults?: FaultSettings;
  /** First port; vault i listens on port + i. Default 0: any free port. */
  port?: number;
  /** Loopback address to bind: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** PEM certificate and key to serve instead of a generated pair; `ca` is what clients trust (default the certificate). */
  cert?: string;
  key?: string;
  ca?: string;
  /** Where the generated CA and leaf are cached; default `$XDG_CACHE_HOME/kvx/emulator-tls`. */
  tlsCacheDir?: string;
  /** Tenant (a GUID) of the identities, their tokens and the auth challenge; default a fixed GUID. */
  tenantId?: string;
  /**
   * Accept only tokens from the emulator's identity endpoints (others → 401) and enforce each
   * vault's access policies (missing permission → 403 as the service words it).
   */
  strict?: boolean;
  /**
   * Access policies of every vault that sets none; default: everything for the system-assigned
   * identity, `kvx-app` and the user, get/list on secrets and keys for `kvx-reader`.
   */
  accessPolicies?: AccessPolicyInput[];
  /** The subscriptions ARM lists (vaults pick one with `subscriptionId`); default one, "kvx emulator". */
  subscriptions?: { subscriptionId: string; displayName: string }[];
  /** How long a vault created through ARM reports provisioningState RegisteringDns (ms); default 0. */
  armCreateDelayMs?: number;
  /** How long purging a deleted vault through ARM takes (ms); default 0 (the service takes minutes). */
  vaultPurgeDelayMs?: number;
  /** Called once per answered request (never with bodies); ARM requests come with vault `(arm)` and plane `arm`. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Epoch ms; for tests that move time. */
  clock?: () => number;
}

const VAULT_NAME = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

export function checkVaultName(name: string): string {
  if (!VAULT_NAME.test(name)) {
    throw new Error(
      `Invalid vault name '${name.slice(0, 40)}': use 3 to 24 letters, digits and '-', starting with a letter, ending with a letter or digit, without '--'.`,
    );
  }
  return name;
}

/** Only loopback: the emulator accepts any token, so it must never be reachable from elsewhere. */
export function checkLoopbackHost(host: string): string {
  if (host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))) return host;
  throw new Error(`The emulator binds loopback addresses only (127.0.0.1, ::1 or localhost), not '${host.slice(0, 60)}'.`);
}

/** The vaults to start, with the defaults applied; throws saying what is wrong with them. */
export function resolveVaults(options: EmulatorOptions): VaultOptions[] {
  const defaults = options.vaultDefaults ?? {};
  const given = options.vaults?.map((v) => (typeof v === 'string' ? { ...defaults, name: v } : { ...defaults, ...v }));
  const fallback: VaultOptions[] = (options.seed === 'demo' ? DEMO_VAULTS.map((v) => v.name) : ['kvx-local']).map((name) => ({
    ...defaults,
    name,
  }));
  const chosen: VaultOptions[] = given && given.length > 0 ? given : fallback;
  // A demo vault keeps its character (the payments vault's purge protection) unless told otherwise.
  const list = chosen.map((v) => {
    const demo = options.seed === 'demo' ? DEMO_VAULTS.find((d) => d.name === v.name) : undefined;
    return demo?.purgeProtection && v.purgeProtection === undefined && v.recoveryLevel === undefined ? { ...v, purgeProtection: true } : v;
  });
  const seen = new Set<string>();
  for (const v of list) {
    checkVaultName(v.name);
    if (seen.has(v.name.toLowerCase())) throw new Error(`Vault '${v.name}' is given twice.`);
    seen.add(v.name.toLowerCase());
    if (v.recoveryLevel !== undefined && !RECOVERY_LEVELS.includes(v.recoveryLevel)) {
      throw new Error(`Unknown recovery level '${String(v.recoveryLevel)}'; allowed: ${RECOVERY_LEVELS.join(', ')}.`);
    }
    if (v.sku !== undefined && !VAULT_SKUS.includes(v.sku)) {
      throw new Error(`Unknown SKU '${String(v.sku)}'; allowed: ${VAULT_SKUS.join(', ')}.`);
    }
    const days = v.recoverableDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 90)) {
      throw new Error(`recoverableDays must be an integer from 7 to 90, got ${days}.`);
    }
  }
  return list;
}

/** What the service reports: `Customized…` when retention is under 90 days, no `+Purgeable` with purge protection. */
export function defaultRecoveryLevel(v: VaultOptions): RecoveryLevel {
  const customized = v.recoverableDays !== undefined && v.recoverableDays < 90;
  if (v.purgeProtection) return customized ? 'CustomizedRecoverable' : 'Recoverable';
  return customized ? 'CustomizedRecoverable+Purgeable' : 'Recoverable+Purgeable';
}

/** A delay option in ms (0 when not given); throws when out of range. */
export function checkDelay(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 3_600_000) {
    throw new Error(`${name} must be a number of milliseconds from 0 to 3600000, got ${value}.`);
  }
  return value;
}
