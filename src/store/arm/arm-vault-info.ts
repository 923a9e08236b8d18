// A vault as ARM describes it (an @azure/arm-keyvault Vault, or a Resource Graph row with the
// same camelCase fields) → the store's VaultInfo with its management-plane facts.
import { isLoopbackHost } from '../../config/vault-address.js';
import type { VaultInfo } from '../types.js';
import type { AccessPolicyEntry, ArmVaultInfo } from './types.js';

export interface ArmVaultLike {
  id?: string;
  name?: string;
  location?: string;
  resourceGroup?: string;
  subscriptionId?: string;
  properties?: {
    vaultUri?: string;
    sku?: { name?: string };
    softDeleteRetentionInDays?: number;
    enablePurgeProtection?: boolean;
    enableRbacAuthorization?: boolean;
    publicNetworkAccess?: string;
    provisioningState?: string;
    accessPolicies?: { tenantId?: string; objectId?: string; applicationId?: string; permissions?: { keys?: string[]; secrets?: string[]; certificates?: string[] } }[];
  };
}

/** `/subscriptions/{s}/resourceGroups/{rg}/…` → its parts (ARM keeps the case given at creation). */
export function parseResourceId(id: string): { subscriptionId?: string; resourceGroup?: string } {
  const parts = id.split('/');
  const at = (name: string) => {
    const i = parts.findIndex((p) => p.toLowerCase() === name);
    return i >= 0 ? parts[i + 1] : undefined;
  };
  return { subscriptionId: at('subscriptions'), resourceGroup: at('resourcegroups') };
}

export function accessPolicyEntries(list: NonNullable<ArmVaultLike['properties']>['accessPolicies']): AccessPolicyEntry[] {
  return (list ?? []).map((p) => ({
    tenantId: p.tenantId ?? '',
    objectId: p.objectId ?? '',
    ...(p.applicationId ? { applicationId: p.applicationId } : {}),
    permissions: { keys: p.permissions?.keys ?? [], secrets: p.permissions?.secrets ?? [], certificates: p.permissions?.certificates ?? [] },
  }));
}

/** The vault's VaultInfo, or undefined when ARM gave no usable vaultUri. */
export function vaultInfoFromArm(vault: ArmVaultLike, subscriptionName?: string): VaultInfo | undefined {
  const p = vault.properties ?? {};
  if (!vault.name || !p.vaultUri) return undefined;
  let url: URL;
  try {
    url = new URL(p.vaultUri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const fromId = parseResourceId(vault.id ?? '');
  const arm: ArmVaultInfo = {
    resourceId: vault.id ?? '',
    subscriptionId: fromId.subscriptionId ?? vault.subscriptionId ?? '',
    resourceGroup: fromId.resourceGroup ?? vault.resourceGroup ?? '',
    location: vault.location ?? '',
    purgeProtection: p.enablePurgeProtection === true,
    permissionModel: p.enableRbacAuthorization ? 'rbac' : 'accessPolicies',
  };
  if (subscriptionName) arm.subscriptionName = subscriptionName;
  if (p.sku?.name) arm.sku = p.sku.name;
  if (p.softDeleteRetentionInDays !== undefined) arm.softDeleteRetentionInDays = p.softDeleteRetentionInDays;
  if (p.publicNetworkAccess) arm.publicNetworkAccess = p.publicNetworkAccess;
  if (p.provisioningState) arm.provisioningState = p.provisioningState;
  if (p.accessPolicies) arm.accessPolicies = accessPolicyEntries(p.accessPolicies);
  return { name: vault.name, url: url.origin, local: isLoopbackHost(url.hostname), arm, origin: 'discovered' };
}
