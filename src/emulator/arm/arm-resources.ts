// The JSON shapes Azure Resource Manager answers for subscriptions, Key Vault vaults
// (Microsoft.KeyVault/vaults) and the generic resources list, for the emulated vaults.

export interface ArmVault {
  /** Vault name, 3–24 of letters, digits and '-'. */
  name: string;
  /** The vault's URL (its origin root), e.g. https://127.0.0.1:8443/ — becomes properties.vaultUri. */
  url: string;
  /** Default: the server's first subscription. */
  subscriptionId?: string;
  /** Default 'kvx-emulator'. */
  resourceGroup?: string;
  /** Default 'westeurope'. */
  location?: string;
  tags?: Record<string, string>;
  /** What `properties` report; each defaults to what a new vault gets. They are the truth the vault's data plane applies. */
  properties?: ArmVaultProperties;
}

/** One entry of `properties.accessPolicies` as ARM sends and takes it. */
export interface ArmAccessPolicyEntry {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  permissions: { keys?: string[]; secrets?: string[]; certificates?: string[]; storage?: string[] };
}

export interface ArmVaultProperties {
  sku?: 'standard' | 'premium';
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  enableSoftDelete?: boolean;
  enableRbacAuthorization?: boolean;
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  accessPolicies?: ArmAccessPolicyEntry[];
  /** `Succeeded`, or `RegisteringDns` while a new vault is being provisioned. */
  provisioningState?: string;
}

/** A soft-deleted vault as `deletedVaults` lists it. */
export interface ArmDeletedVault {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  deletionDate: Date;
  scheduledPurgeDate: Date;
  purgeProtectionEnabled: boolean;
  tags?: Record<string, string>;
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
}

export const VAULT_TYPE = 'Microsoft.KeyVault/vaults';
export const DEFAULT_RESOURCE_GROUP = 'kvx-emulator';
export const DEFAULT_LOCATION = 'westeurope';

const VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;

/** Throws a message saying what is wrong with a vault entry. */
export function checkVault(vault: ArmVault): void {
  if (!VAULT_NAME.test(vault.name) || vault.name.includes('--')) {
    throw new Error(
      `Vault name "${vault.name}" is invalid: use 3–24 letters, digits and '-', starting with a letter, not ending with '-', no "--"`,
    );
  }
  let url: URL;
  try {
    url = new URL(vault.url);
  } catch {
    throw new Error(`Vault "${vault.name}" has URL "${vault.url}", which is not a URL: expected https://host[:port]/`);
  }
  if (url.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw new Error(`Vault "${vault.name}" URL "${vault.url}" must be an https origin root like https://127.0.0.1:8443/`);
  }
}

export function vaultResourceId(vault: ArmVault, subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${vault.resourceGroup ?? DEFAULT_RESOURCE_GROUP}/providers/${VAULT_TYPE}/${vault.name}`;
}

/** A vault as GET …/providers/Microsoft.KeyVault/vaults answers it. */
export function vaultResource(vault: ArmVault, subscriptionId: string, tenantId: string): Record<string, unknown> {
  const p = vault.properties ?? {};
  const properties: Record<string, unknown> = {
    tenantId,
    sku: { family: 'A', name: p.sku ?? 'standard' },
    accessPolicies: p.accessPolicies ?? [],
    vaultUri: new URL(vault.url).origin + '/',
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    enableSoftDelete: p.enableSoftDelete ?? true,
    softDeleteRetentionInDays: p.softDeleteRetentionInDays ?? 90,
    enableRbacAuthorization: p.enableRbacAuthorization ?? true,
    provisioningState: p.provisioningState ?? 'Succeeded',
    publicNetworkAccess: p.publicNetworkAccess ?? 'Enabled',
  };
  // The service leaves enablePurgeProtection out unless it is on (it cannot be turned off).
  if (p.enablePurgeProtection) properties.enablePurgeProtection = true;
  return { ...genericResource(vault, subscriptionId), properties };
}

/** A deleted vault as GET …/deletedVaults answers it. */
export function deletedVaultResource(vault: ArmDeletedVault): Record<string, unknown> {
  return {
    id: `/subscriptions/${vault.subscriptionId}/providers/Microsoft.KeyVault/locations/${vault.location}/deletedVaults/${vault.name}`,
    name: vault.name,
    type: 'Microsoft.KeyVault/deletedVaults',
    properties: {
      vaultId: vaultResourceId({ name: vault.name, url: 'https://x/', resourceGroup: vault.resourceGroup }, vault.subscriptionId),
      location: vault.location,
      deletionDate: vault.deletionDate.toISOString(),
      scheduledPurgeDate: vault.scheduledPurgeDate.toISOString(),
      tags: vault.tags ?? {},
      purgeProtectionEnabled: vault.purgeProtectionEnabled,
    },
  };
}

/** A vault as the generic GET /subscriptions/{id}/resources answers it (no properties). */
export function genericResource(vault: ArmVault, subscriptionId: string): Record<string, unknown> {
  return {
    id: vaultResourceId(vault, subscriptionId),
    name: vault.name,
    type: VAULT_TYPE,
    location: vault.location ?? DEFAULT_LOCATION,
    tags: vault.tags ?? {},
  };
}

export function subscriptionResource(subscription: ArmSubscription, tenantId: string): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** What ARM reports for Key Vault's `operations` list: the actions this emulator serves. */
export const KEYVAULT_OPERATIONS: readonly (readonly [string, string, string])[] = [
  ['Microsoft.KeyVault/vaults/read', 'Key Vault', 'View Key Vault'],
  ['Microsoft.KeyVault/vaults/write', 'Key Vault', 'Update Key Vault'],
  ['Microsoft.KeyVault/vaults/delete', 'Key Vault', 'Delete Key Vault'],
  ['Microsoft.KeyVault/vaults/accessPolicies/write', 'Access Policy', 'Update Access Policy'],
  ['Microsoft.KeyVault/checkNameAvailability/read', 'Name Availability', 'Check Name Availability'],
  ['Microsoft.KeyVault/deletedVaults/read', 'Soft Deleted Key Vault', 'View Soft Deleted Vaults'],
  ['Microsoft.KeyVault/locations/deletedVaults/read', 'Soft Deleted Key Vault', 'View Soft Deleted Key Vault'],
  ['Microsoft.KeyVault/locations/deletedVaults/purge/action', 'Soft Deleted Key Vault', 'Purge Soft Deleted Key Vault'],
  ['Microsoft.KeyVault/locations/operationResults/read', 'Long Run Operation Result', 'Check Operation Result'],
];

export function operationResource([name, resource, operation]: readonly [string, string, string]): Record<string, unknown> {
  return { name, display: { provider: 'Microsoft Key Vault', resource, operation, description: `${operation}.` }, origin: 'user,system', isDataAction: false };
}

/** ARM error body: {"error": {"code", "message"}}. */
export function armError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } };
}
