// What ARM reports about a vault, read from what the vault does: its SKU, soft delete and
// retention, purge protection, and in strict mode the access policies it enforces (then
// enableRbacAuthorization is false, as on a vault that uses access policies).
import type { AccessPolicy } from './access/access-policies.js';
import { isPurgeAllowed, isSoftDeleteEnabled } from './recovery-level.js';
import type { VaultState } from './vault-state.js';

export function vaultArmProperties(vault: VaultState, strict: boolean, policies: readonly AccessPolicy[]): Record<string, unknown> {
  const level = vault.settings.recoveryLevel;
  const softDelete = isSoftDeleteEnabled(level);
  const out: Record<string, unknown> = {
    sku: { family: 'A', name: vault.settings.sku ?? 'premium' },
    enableSoftDelete: softDelete,
  };
  if (softDelete) out.softDeleteRetentionInDays = vault.settings.recoverableDays;
  // ARM leaves enablePurgeProtection out unless it is on (it cannot be turned off).
  if (softDelete && !isPurgeAllowed(level)) out.enablePurgeProtection = true;
  if (strict) {
    out.enableRbacAuthorization = false;
    out.accessPolicies = policies.map((p) => ({
      tenantId: p.tenantId,
      objectId: p.objectId,
      permissions: { keys: [...p.permissions.keys], secrets: [...p.permissions.secrets], certificates: [...p.permissions.certificates] },
    }));
  }
  return out;
}
