// Access policies through ARM: read a vault's policies again (vaults.get) and change them with
// vaults.updateAccessPolicy (add / replace / remove), as operations. Permission names are
// checked against ARM's lists before anything is sent.
import { ActionRefusedError } from '../operations-errors.js';
import type { OperationTracker, RawResponseLike } from '../operations.js';
import type { ReadOnlyGuard } from '../read-only-guard.js';
import type { ClassifiedError, IdentityInfo, VaultInfo, VaultState } from '../types.js';
import type { AccessPolicyInput } from './types.js';
import type { ArmClients } from './arm-clients.js';
import type { ArmVaultLike } from './arm-vault-info.js';
import { vaultInfoFromArm } from './arm-vault-info.js';
import { ALL_PERMISSIONS } from './vault-lifecycle.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Collection = keyof typeof ALL_PERMISSIONS;
const COLLECTIONS: readonly Collection[] = ['secrets', 'keys', 'certificates'];

/** Canonical permission names (ARM's spelling), or a refusal naming the field and what is allowed. */
export function checkPermissions(collection: Collection, names: readonly string[]): string[] {
  const allowed: readonly string[] = ALL_PERMISSIONS[collection];
  return names.map((name) => {
    const found = allowed.find((p) => p.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new ActionRefusedError('invalid', `Unknown ${collection} permission "${name.slice(0, 30)}"; allowed: ${allowed.join(', ')}.`, collection);
    return found;
  });
}

export interface AccessPolicyWiring {
  clients: ArmClients | undefined;
  tracker: OperationTracker;
  guard: ReadOnlyGuard;
  classify(error: unknown): ClassifiedError;
  identity(): IdentityInfo | undefined;
  /** Replaces the vault's ARM facts in the snapshot. */
  updateArm(url: string, info: VaultInfo): void;
}

export function createAccessPolicies(w: AccessPolicyWiring) {
  async function reread(vault: VaultState): Promise<void> {
    const arm = vault.arm;
    if (!arm || !w.clients) return;
    const client = await w.clients.keyVault(arm.subscriptionId);
    const fresh = await client.vaults.get(arm.resourceGroup, vault.name);
    const info = vaultInfoFromArm(fresh as ArmVaultLike, arm.subscriptionName);
    if (info) w.updateArm(vault.url, info);
  }

  return {
    reread,

    update(vault: VaultState, kind: 'add' | 'replace' | 'remove', entry: AccessPolicyInput): string {
      w.guard.assertWritable(`${kind} access policies`);
      if (!w.clients) throw new ActionRefusedError('invalid', 'access policies are changed through Azure Resource Manager: kvx has no ARM endpoint');
      const arm = vault.arm;
      if (!arm) throw new ActionRefusedError('invalid', `ARM has not described ${vault.name} yet: list vaults with :vaults first`);
      if (arm.permissionModel === 'rbac') throw new ActionRefusedError('invalid', `${vault.name} uses Azure RBAC: roles, not access policies, govern it`);
      const objectId = entry.objectId.trim();
      if (!GUID.test(objectId)) throw new ActionRefusedError('invalid', 'Object id: the identity\'s object id, a GUID like 00000000-0000-0000-0000-000000000000.', 'objectId');
      const permissions = { keys: checkPermissions('keys', entry.permissions.keys), secrets: checkPermissions('secrets', entry.permissions.secrets), certificates: checkPermissions('certificates', entry.permissions.certificates) };
      if (kind !== 'remove' && COLLECTIONS.every((c) => permissions[c].length === 0)) {
        throw new ActionRefusedError('invalid', 'Give at least one permission (e.g. secrets: get, list); to take all away, remove the policy.', 'secrets');
      }
      const tenantId = entry.tenantId ?? w.identity()?.tenantId;
      if (!tenantId) throw new ActionRefusedError('invalid', 'the tenant is not known yet; open a vault or list vaults first');
      const clients = w.clients;
      return w.tracker.start(
        { kind: 'update', collection: 'vaults', vault: { name: vault.name, url: vault.url }, target: vault.name, cancellable: false, detail: `${kind} access policy` },
        async (ctx) => {
          const client = await clients.keyVault(arm.subscriptionId);
          await client.vaults.updateAccessPolicy(arm.resourceGroup, vault.name, kind, { properties: { accessPolicies: [{ tenantId, objectId, permissions }] } }, {
            abortSignal: ctx.signal,
            onResponse: (raw: unknown) => ctx.onResponse(raw as RawResponseLike),
          });
          await reread(vault);
          return { detail: kind === 'remove' ? 'policy removed' : kind === 'add' ? 'policy added' : 'policy replaced' };
        },
      );
    },
  };
}
