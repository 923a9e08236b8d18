// What the emulated ARM asks of whoever owns the vaults (the emulator): create, change,
// delete, recover and purge vaults and edit their access policies. The ARM server only speaks
// the protocol (paths, status codes, long-running-operation headers); the manager makes the
// change real, so what ARM reports is what the vault's data plane applies.
import type { ArmAccessPolicyEntry, ArmDeletedVault, ArmVault, ArmVaultProperties } from './arm-resources.js';

/** A refusal in ARM's words: status, `error.code` and a message for people. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export interface VaultSpec {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  tenantId: string;
  properties: ArmVaultProperties;
}

export type AccessPolicyUpdateKind = 'add' | 'replace' | 'remove';

export interface ArmVaultManager {
  deletedVaults(): readonly ArmDeletedVault[];
  /** Starts a new vault (its server listens before this resolves); `provisioned` settles when provisioningState reaches Succeeded. */
  create(spec: VaultSpec): Promise<Provisioning>;
  /** Changes an existing vault's tags and properties (PUT on an existing vault, or PATCH). */
  update(name: string, change: { tags?: Record<string, string>; properties: ArmVaultProperties }): ArmVault;
  /** Soft-deletes: the vault stops answering and is listed under deletedVaults. */
  delete(name: string): Promise<void>;
  /** Brings a deleted vault back (PUT with createMode recover), with its contents. */
  recover(name: string, spec: VaultSpec): Promise<Provisioning>;
  /** Purges a deleted vault; resolves when it is gone (after the purge delay). */
  purge(name: string): Promise<void>;
  updateAccessPolicies(name: string, kind: AccessPolicyUpdateKind, entries: readonly ArmAccessPolicyEntry[]): ArmAccessPolicyEntry[];
}

export interface Provisioning {
  vault: ArmVault;
  /** Settles once the vault's provisioningState is Succeeded. */
  provisioned: Promise<void>;
}
