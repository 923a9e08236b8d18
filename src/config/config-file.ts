// The config file (~/.config/kvx/config.json): its JSON validated field by field, each
// mistake a UsageError naming the file, the field and what is allowed.
import { UsageError } from './flags.js';

export type ThemeName = 'dark' | 'plain';
export const THEME_NAMES: readonly ThemeName[] = ['dark', 'plain'];

export interface ConfigFile {
  vaults?: string[];
  pinned?: string[];
  recent?: string[];
  cloud?: string;
  armEndpoint?: string;
  readOnly?: boolean;
  theme?: ThemeName;
  keys?: Record<string, string[]>;
  caFile?: string;
  tenantId?: string;
  clientId?: string;
  clipboardClearSeconds?: number;
}

const CONFIG_FIELDS = ['vaults', 'readOnly', 'theme', 'keys', 'caFile', 'tenantId', 'clientId', 'clipboardClearSeconds', 'pinned', 'recent', 'cloud', 'armEndpoint'];

/** Validates the config file's JSON; `file` is named in every message. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  let data: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it.
    data = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${file}: must hold a JSON object like {"vaults": ["my-vault"], "keys": {"move.down": ["j", "down"]}}`);
  }
  const obj = data as Record<string, unknown>;
  const out: ConfigFile = {};
  for (const field of Object.keys(obj)) {
    if (!CONFIG_FIELDS.includes(field)) {
      throw new UsageError(`${file}: unknown field "${field.slice(0, 40)}"; allowed: ${CONFIG_FIELDS.join(', ')}`);
    }
  }
  if (obj.vaults !== undefined) {
    if (!Array.isArray(obj.vaults) || !obj.vaults.every((v) => typeof v === 'string')) {
      throw new UsageError(`${file}: "vaults" must be a list of vault names or URLs, like ["my-vault"]`);
    }
    out.vaults = obj.vaults as string[];
  }
  for (const field of ['pinned', 'recent'] as const) {
    const list = obj[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
      throw new UsageError(`${file}: "${field}" must be a list of vault URLs, like ["https://my-vault.vault.azure.net"]`);
    }
    out[field] = list as string[];
  }
  if (obj.readOnly !== undefined) {
    if (typeof obj.readOnly !== 'boolean') throw new UsageError(`${file}: "readOnly" must be true or false`);
    out.readOnly = obj.readOnly;
  }
  if (obj.theme !== undefined) {
    if (!THEME_NAMES.includes(obj.theme as ThemeName)) {
      throw new UsageError(`${file}: "theme" must be one of ${THEME_NAMES.join(', ')}`);
    }
    out.theme = obj.theme as ThemeName;
  }
  if (obj.keys !== undefined) out.keys = parseKeys(obj.keys, file);
  if (obj.clipboardClearSeconds !== undefined) {
    const v = obj.clipboardClearSeconds;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 86400) {
      throw new UsageError(`${file}: "clipboardClearSeconds" must be a whole number of seconds from 0 (never clear) to 86400`);
    }
    out.clipboardClearSeconds = v;
  }
  for (const field of ['caFile', 'tenantId', 'clientId', 'cloud', 'armEndpoint'] as const) {
    const v = obj[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') throw new UsageError(`${file}: "${field}" must be a non-empty string`);
    out[field] = v;
  }
  return out;
}

function parseKeys(value: unknown, file: string): Record<string, string[]> {
  const example = '{"move.down": ["j", "down"]}';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${file}: "keys" must map command ids to lists of keys, like ${example}`);
  }
  const out: Record<string, string[]> = {};
  for (const [command, keys] of Object.entries(value)) {
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string' && k.length > 0)) {
      throw new UsageError(`${file}: "keys.${command.slice(0, 40)}" must be a non-empty list of key names, like ${example}`);
    }
    out[command] = keys as string[];
  }
  return out;
}
