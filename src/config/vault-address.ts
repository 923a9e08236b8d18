// A vault given by name or URL → its canonical URL. Key Vault ids are parsed by the SDK as
// `{origin}/{collection}/{name}`, so a vault must sit at the root of its origin; plain http
// is only accepted for loopback hosts (an emulator), where TLS may still be used.
import { isIP } from 'node:net';
import type { VaultInfo } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { UsageError } from './flags.js';

const VAULT_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const VAULT_NAME_RULE = '3 to 24 letters, digits and "-", starting with a letter, ending with a letter or digit, without "--"';

/** Why a vault name is not valid, or undefined when it is. */
export function vaultNameProblem(name: string): string | undefined {
  if (VAULT_NAME.test(name) && !name.includes('--')) return undefined;
  return `"${shown(name)}" is not a vault name: use ${VAULT_NAME_RULE}`;
}

/** 127.0.0.0/8, ::1 and localhost: the hosts an emulator may listen on. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  // The prefix first: net.isIP tries IPv6 on anything not IPv4, and its first IPv6 test builds
  // a large regex (~3 ms) on the way to the first request for a vault name like contoso.vault.azure.net.
  return host.startsWith('127.') && isIP(host) === 4;
}

/**
 * Parses a vault name (`contoso-prod` → https://contoso-prod.vault.azure.net, or the given
 * cloud's suffix) or URL.
 * Throws a UsageError that says what is wrong and what is allowed; `source` names where the
 * value came from (an argument, KEY_VAULT_NAME, the config file's "vaults"…).
 */
export function parseVaultAddress(input: string, source = 'vault', vaultSuffix = 'vault.azure.net'): VaultInfo {
  const text = input.trim();
  if (!text.includes('://') && !text.includes('/') && !text.includes('.') && !text.includes(':')) {
    const problem = vaultNameProblem(text);
    if (problem) throw new UsageError(`${source}: ${problem}`);
    return { name: text, url: `https://${text.toLowerCase()}.${vaultSuffix}`, local: false };
  }
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    throw new UsageError(`${source}: "${shown(text)}" is neither a vault name (${VAULT_NAME_RULE}) nor a URL like https://NAME.vault.azure.net`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(`${source}: "${shown(text)}" must use https:// (http:// is allowed only for loopback addresses)`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(`${source}: "${shown(text)}" must be the root of its origin, like https://NAME.vault.azure.net (no path, query or credentials)`);
  }
  const hostName = url.hostname.split('.')[0];
  // A vault's DNS name is its vault name: the same rules apply (loopback emulators aside).
  if (!loopback && isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0) {
    const problem = vaultNameProblem(hostName);
    if (problem) throw new UsageError(`${source}: "${shown(text)}" names no vault: ${problem}`);
  }
  const name = loopback ? (url.port ? `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port}` : url.hostname) : hostName;
  return { name, url: url.origin, local: loopback };
}

/** Keeps messages one line and short even when the input is neither. */
function shown(text: string): string {
  const clean = escapeControl(text);
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}
