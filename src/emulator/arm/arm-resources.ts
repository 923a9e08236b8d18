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
  /** What the vault really does (SKU, soft delete, purge protection, access policies); overrides the defaults below. */
  properties?: Record<string, unknown>;
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
  return {
    ...genericResource(vault, subscriptionId),
    properties: {
      tenantId,
      sku: { family: 'A', name: 'standard' },
      accessPolicies: [],
      vaultUri: new URL(vault.url).origin + '/',
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: true,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled',
      ...(vault.properties ?? {}),
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

/** ARM error body: {"error": {"code", "message"}}. */
export function armError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } };
}
