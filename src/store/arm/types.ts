// The management plane's shapes in the store (ARM: subscriptions, vault resources, access
// policies, deleted vaults, discovery): what the vaults pane and the vault forms read and give.
import type { ClassifiedError, LoadStatus } from '../types.js';

/** One access policy entry as ARM reports it. */
export interface AccessPolicyEntry {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  permissions: { keys: readonly string[]; secrets: readonly string[]; certificates: readonly string[] };
}

/** One identity's permissions as the access-policy form gives them. */
export interface AccessPolicyInput {
  objectId: string;
  /** Default: the signed-in identity's tenant. */
  tenantId?: string;
  permissions: { keys: readonly string[]; secrets: readonly string[]; certificates: readonly string[] };
}

/** A vault's management-plane facts (ARM's Microsoft.KeyVault/vaults resource). */
export interface ArmVaultInfo {
  resourceId: string;
  subscriptionId: string;
  subscriptionName?: string;
  resourceGroup: string;
  location: string;
  sku?: string;
  softDeleteRetentionInDays?: number;
  purgeProtection: boolean;
  permissionModel: 'accessPolicies' | 'rbac';
  publicNetworkAccess?: string;
  provisioningState?: string;
  accessPolicies?: readonly AccessPolicyEntry[];
}

export interface SubscriptionInfo {
  id: string;
  name: string;
  tenantId?: string;
}

/** A soft-deleted vault (ARM's deletedVaults), recoverable until its scheduled purge date. */
export interface DeletedVaultInfo {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  deletedOn?: Date;
  scheduledPurgeDate?: Date;
  purgeProtection: boolean;
}

export interface DeletedVaultsState {
  status: LoadStatus;
  items: readonly DeletedVaultInfo[];
  error?: ClassifiedError;
}

/** A new vault as the create form gives it. */
export interface VaultCreateInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: 'standard' | 'premium';
  /** 7 to 90. */
  retentionDays: number;
  purgeProtection: boolean;
  /** With access policies, the signed-in identity gets an initial policy (all key, secret and certificate permissions). */
  permissionModel: 'accessPolicies' | 'rbac';
}

/**
 * Vault discovery through ARM: `off` without an ARM endpoint; `error` when ARM refused (the
 * pane shows one quiet line; vaults opened by name are unaffected).
 */
export interface DiscoveryState {
  status: 'off' | 'idle' | 'loading' | 'complete' | 'error';
  /** What is being fetched now, e.g. "subscriptions", "Resource Graph page 2", "subscription 2 of 5". */
  progress?: string;
  subscriptions: readonly SubscriptionInfo[];
  /** How the vaults were listed: one Resource Graph query, or per subscription after Resource Graph was refused. */
  via?: 'resourceGraph' | 'subscriptions';
  /** Why Resource Graph was not used (its refusal, one line). */
  fallbackReason?: string;
  found: number;
  error?: ClassifiedError;
}
