// Flags + environment + optional config file → one validated Settings object. Precedence:
// flags, then environment, then the config file. Anything wrong becomes a UsageError that
// names the field and what is allowed (the CLI prints it and exits 2).
import path from 'node:path';
import type { VaultInfo } from '../store/types.js';
import type { ThemeName } from './config-file.js';
import { parseConfigFile } from './config-file.js';
import type { ParsedArgs } from './flags.js';
import { UsageError } from './flags.js';
import type { SettingsIo } from './settings-io.js';
import { nodeIo, readForField } from './settings-io.js';
import { parseVaultAddress } from './vault-address.js';
import type { CloudName } from './clouds.js';
import { CLOUDS, cloudNamed, parseArmEndpoint } from './clouds.js';

/** The demo emulator's identities (src/emulator/identity): kvx-reader may not list certificates. */
export const DEMO_IDENTITIES = ['system', 'kvx-app', 'kvx-reader', 'alice'] as const;
export type DemoIdentity = (typeof DEMO_IDENTITIES)[number];

export interface Settings {
  /** Vaults to open, in order, without duplicates. Empty with `demo` false: the UI explains how to start. */
  vaults: VaultInfo[];
  demo: boolean;
  readOnly: boolean;
  /** PEM of the CA trusted for loopback vaults (`--ca-file` or NODE_EXTRA_CA_CERTS). */
  ca?: string;
  caFile?: string;
  /** The Azure cloud (`--cloud`, config "cloud"): ARM, sign-in authority and vault DNS suffix. */
  cloud?: CloudName;
  /** Where discovery and vault lifecycle go (`--arm-endpoint`, config "armEndpoint", else the cloud's). */
  armEndpoint?: string;
  /** The cloud's sign-in authority, e.g. https://login.microsoftonline.us. */
  authorityHost?: string;
  /** Tenant for sign-in (`--tenant`, AZURE_TENANT_ID). */
  tenantId?: string;
  /** With --demo: which of the demo emulator's identities to sign in as (`--demo-identity`). */
  demoIdentity?: DemoIdentity;
  /** User-assigned managed identity (`--client-id`, AZURE_CLIENT_ID). */
  clientId?: string;
  noColor: boolean;
  theme: ThemeName;
  /** Keymap overrides by command id, e.g. {"move.down": ["j", "down"]}; the UI checks the ids. */
  keys: Record<string, string[]>;
  /** The config file that was read, if any. */
  configFile?: string;
  /** `--log FILE`: where the request log and the SDK's own log lines go. */
  logFile?: string;
  /** AZURE_LOG_LEVEL as given; the SDK's lines go to `logFile`, never to the screen. */
  azureLogLevel?: string;
  /** How long after copying a secret value kvx clears the clipboard; 0: never. */
  clipboardClearMs: number;
  /** Where the config file is (read or not): pinned and recent vaults are written there. */
  configPath?: string;
  /** Pinned and recently opened vaults (config "pinned", "recent"), listed at start after the named ones. */
  pinned?: VaultInfo[];
  recent?: VaultInfo[];
}

/** Default for clearing the clipboard after a secret value was copied. */
export const CLIPBOARD_CLEAR_SECONDS = 30;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tenants are GUIDs or domain names (contoso.onmicrosoft.com). */
const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-zA-Z0-9][a-zA-Z0-9.-]{0,252})$/i;

function checkId(value: string | undefined, field: string, pattern: RegExp, allowed: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!pattern.test(value)) throw new UsageError(`${field}: "${value.slice(0, 60)}" is not valid; ${allowed}`);
  return value;
}

function flagString(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Builds Settings from parsed flags, the environment and the config file (read through `io`). */
export function loadSettings(parsed: ParsedArgs, env: NodeJS.ProcessEnv, io: SettingsIo = nodeIo): Settings {
  const explicitConfig = flagString(parsed, 'config');
  const configPath = explicitConfig ?? path.join(env.XDG_CONFIG_HOME || path.join(io.homeDir(), '.config'), 'kvx', 'config.json');
  const text = readForField(io, configPath, explicitConfig !== undefined ? '--config' : 'config');
  if (text === undefined && explicitConfig !== undefined) {
    throw new UsageError(`--config: no file at ${explicitConfig}`);
  }
  const config = text === undefined ? {} : parseConfigFile(text, configPath);

  const cloudFlag = flagString(parsed, 'cloud');
  const cloud = cloudFlag !== undefined ? cloudNamed(cloudFlag, '--cloud') : config.cloud !== undefined ? cloudNamed(config.cloud, `${configPath}: "cloud"`) : 'AzureCloud';
  const armFlag = flagString(parsed, 'arm-endpoint');
  const armEndpoint =
    armFlag !== undefined
      ? parseArmEndpoint(armFlag, '--arm-endpoint')
      : config.armEndpoint !== undefined
        ? parseArmEndpoint(config.armEndpoint, `${configPath}: "armEndpoint"`)
        : CLOUDS[cloud].armEndpoint;
  const suffix = CLOUDS[cloud].vaultSuffix;

  const demo = Boolean(parsed.flags.demo);
  let sources: { value: string; source: string }[];
  if (parsed.positionals.length > 0) {
    sources = parsed.positionals.map((value) => ({ value, source: 'vault argument' }));
  } else if (env.KEY_VAULT_NAME) {
    sources = [{ value: env.KEY_VAULT_NAME, source: 'KEY_VAULT_NAME' }];
  } else if (env.AZURE_KEYVAULT_URL) {
    sources = [{ value: env.AZURE_KEYVAULT_URL, source: 'AZURE_KEYVAULT_URL' }];
  } else {
    sources = (config.vaults ?? []).map((value) => ({ value, source: `${configPath}: "vaults"` }));
  }
  if (demo && parsed.positionals.length > 0) {
    throw new UsageError('--demo opens the built-in demo vaults; give either --demo or vault names, not both');
  }
  const vaults: VaultInfo[] = [];
  if (!demo) {
    for (const { value, source } of sources) {
      const vault = parseVaultAddress(value, source, suffix);
      if (!vaults.some((v) => v.url === vault.url)) vaults.push(vault);
    }
  }

  const caFlag = flagString(parsed, 'ca-file');
  const caFile = caFlag ?? config.caFile ?? (env.NODE_EXTRA_CA_CERTS || undefined);
  let ca: string | undefined;
  if (caFile !== undefined) {
    const field = caFlag !== undefined ? '--ca-file' : config.caFile !== undefined ? `${configPath}: "caFile"` : 'NODE_EXTRA_CA_CERTS';
    const pem = readForField(io, caFile, field);
    if (pem === undefined) throw new UsageError(`${field}: no file at ${caFile}`);
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError(`${field}: ${caFile} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----")`);
    }
    ca = pem;
  }

  const noColor = Boolean(parsed.flags['no-color']) || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const settings: Settings = {
    vaults,
    demo,
    readOnly: Boolean(parsed.flags['read-only']) || config.readOnly === true,
    noColor,
    theme: noColor ? 'plain' : (config.theme ?? 'dark'),
    keys: config.keys ?? {},
    clipboardClearMs: 1000 * ((parsed.flags['clipboard-clear'] as number | undefined) ?? config.clipboardClearSeconds ?? CLIPBOARD_CLEAR_SECONDS),
    cloud,
    armEndpoint,
    authorityHost: CLOUDS[cloud].authorityHost,
  };
  const logFile = flagString(parsed, 'log');
  if (logFile !== undefined) settings.logFile = logFile;
  if (env.AZURE_LOG_LEVEL) settings.azureLogLevel = env.AZURE_LOG_LEVEL;
  if (ca !== undefined) {
    settings.ca = ca;
    settings.caFile = caFile;
  }
  // Flag, else environment, else config file; a bad value is named by where it came from.
  const layered = (flag: string, envName: string, field: 'tenantId' | 'clientId'): [string | undefined, string] => {
    const fromFlag = flagString(parsed, flag);
    if (fromFlag !== undefined) return [fromFlag, `--${flag}`];
    if (env[envName]) return [env[envName], envName];
    return [config[field], field];
  };
  const tenantId = checkId(...layered('tenant', 'AZURE_TENANT_ID', 'tenantId'), TENANT, 'use a tenant id (GUID) or domain like contoso.onmicrosoft.com');
  if (tenantId) settings.tenantId = tenantId;
  const clientId = checkId(...layered('client-id', 'AZURE_CLIENT_ID', 'clientId'), GUID, 'use the client id (a GUID) of the managed identity');
  if (clientId) settings.clientId = clientId;
  const demoIdentity = flagString(parsed, 'demo-identity');
  if (demoIdentity !== undefined) {
    if (!demo) throw new UsageError('--demo-identity works only with --demo');
    if (!(DEMO_IDENTITIES as readonly string[]).includes(demoIdentity)) {
      throw new UsageError(`--demo-identity must be one of ${DEMO_IDENTITIES.join(', ')}, not "${demoIdentity.slice(0, 40)}"`);
    }
    settings.demoIdentity = demoIdentity as DemoIdentity;
  }
  if (text !== undefined) settings.configFile = configPath;
  settings.configPath = configPath;
  for (const field of ['pinned', 'recent'] as const) {
    const list = (config[field] ?? []).map((value) => parseVaultAddress(value, `${configPath}: "${field}"`, suffix));
    if (list.length > 0) settings[field] = list;
  }
  return settings;
}
