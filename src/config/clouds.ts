// The Azure clouds kvx knows: each has its own Resource Manager, sign-in authority and vault
// DNS suffix, so `kvx NAME --cloud AzureUSGovernment` opens NAME.vault.usgovcloudapi.net and
// discovers vaults through management.usgovcloudapi.net.
import { UsageError } from './flags.js';

export interface Cloud {
  armEndpoint: string;
  authorityHost: string;
  vaultSuffix: string;
}

export const CLOUDS = {
  AzureCloud: { armEndpoint: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com', vaultSuffix: 'vault.azure.net' },
  AzureUSGovernment: { armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', vaultSuffix: 'vault.usgovcloudapi.net' },
  AzureChinaCloud: { armEndpoint: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn', vaultSuffix: 'vault.azure.cn' },
} as const satisfies Record<string, Cloud>;

export type CloudName = keyof typeof CLOUDS;
export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/** The cloud of that name (case-insensitive, as `az cloud set` takes it); throws saying which exist. */
export function cloudNamed(input: string, source: string): CloudName {
  const found = CLOUD_NAMES.find((c) => c.toLowerCase() === input.trim().toLowerCase());
  if (!found) throw new UsageError(`${source}: unknown cloud "${input.slice(0, 40)}"; use one of ${CLOUD_NAMES.join(', ')}`);
  return found;
}

/** An ARM endpoint given by hand (--arm-endpoint): an https origin, e.g. `kvx emulator`'s armEndpoint. */
export function parseArmEndpoint(input: string, source: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new UsageError(`${source}: "${input.slice(0, 80)}" is not a URL; give an https origin like https://management.azure.com`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`${source}: "${input.slice(0, 80)}" must use https://`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`${source}: "${input.slice(0, 80)}" must be an origin like https://management.azure.com (no path, query or credentials)`);
  }
  return url.origin;
}
