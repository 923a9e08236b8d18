// Vault lifecycle through ARM as store operations: create (long-running, provisioning state
// live), delete, recover (long-running) and purge (long-running: minutes on the service, so
// it runs until the poller says it has finished). Each is refused up front in read-only mode,
// before any ARM request. Finished operations update what the store lists: a created or
// recovered vault is added, a deleted one leaves the vaults list for the deleted view.
import type { DeletedVault, Vault } from '@azure/arm-keyvault';
import { ActionRefusedError } from '../operations-errors.js';
import type { OperationContext, OperationTracker, RawResponseLike } from '../operations.js';
import type { ReadOnlyGuard } from '../read-only-guard.js';
import { vaultNameProblem } from '../../config/vault-address.js';
import type { ClassifiedError, IdentityInfo, StoreSnapshot, VaultInfo, VaultState } from '../types.js';
import type { DeletedVaultInfo, DeletedVaultsState, SubscriptionInfo, VaultCreateInput } from './types.js';
import type { ArmClients } from './arm-clients.js';
import type { ArmVaultLike } from './arm-vault-info.js';
import { parseResourceId, vaultInfoFromArm } from './arm-vault-info.js';

/** Every permission per collection, as ARM names them: the creator's initial access policy. */
export const ALL_PERMISSIONS = {
  keys: ['get', 'list', 'update', 'create', 'import', 'delete', 'recover', 'backup', 'restore', 'purge', 'rotate', 'getrotationpolicy', 'setrotationpolicy', 'release', 'sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  secrets: ['get', 'list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'],
  certificates: ['get', 'list', 'update', 'create', 'import', 'delete', 'recover', 'backup', 'restore', 'purge', 'managecontacts', 'getissuers', 'listissuers', 'setissuers', 'deleteissuers', 'manageissuers'],
} as const;

export interface VaultLifecycleWiring {
  clients: ArmClients | undefined;
  tracker: OperationTracker;
  guard: ReadOnlyGuard;
  classify(error: unknown): ClassifiedError;
  getSnapshot(): StoreSnapshot;
  setDeletedVaults(state: DeletedVaultsState): void;
  /** Adds (or refreshes the ARM facts of) a vault. */
  addVault(info: VaultInfo): void;
  /** Drops a vault that ARM deleted from the vaults list. */
  removeVault(url: string): void;
  /** Subscriptions known from discovery, or listed now. */
  subscriptions(signal?: AbortSignal): Promise<readonly SubscriptionInfo[]>;
  /** The signed-in identity once a token was seen (its object id goes into the initial access policy). */
  identity(): IdentityInfo | undefined;
}

function noArm(): ActionRefusedError {
  return new ActionRefusedError('invalid', 'vault management needs Azure Resource Manager: kvx has no ARM endpoint (--cloud, --arm-endpoint)');
}

/** ARM's provisioning state or long-running operation status, from a raw response, for the operation's live detail. */
function stepOf(raw: unknown): string | undefined {
  const body = (raw as { parsedBody?: { properties?: { provisioningState?: unknown }; status?: unknown } }).parsedBody;
  const state = body?.properties?.provisioningState ?? body?.status;
  return typeof state === 'string' ? state : undefined;
}

function responseHook(ctx: OperationContext) {
  return (raw: unknown) => {
    ctx.onResponse(raw as RawResponseLike);
    const step = stepOf(raw);
    if (step) ctx.progress(step);
  };
}

export function deletedVaultInfo(d: DeletedVault, subscriptionId: string): DeletedVaultInfo {
  const p = d.properties ?? {};
  const fromId = parseResourceId(p.vaultId ?? '');
  const out: DeletedVaultInfo = {
    name: d.name ?? '',
    subscriptionId: fromId.subscriptionId ?? subscriptionId,
    resourceGroup: fromId.resourceGroup ?? '',
    location: p.location ?? '',
    purgeProtection: p.purgeProtectionEnabled === true,
  };
  if (p.deletionDate) out.deletedOn = new Date(p.deletionDate);
  if (p.scheduledPurgeDate) out.scheduledPurgeDate = new Date(p.scheduledPurgeDate);
  return out;
}

export interface VaultLifecycle {
  checkVaultName(name: string, subscriptionId?: string): Promise<{ available?: boolean; message?: string }>;
  createVault(input: VaultCreateInput): string;
  deleteVault(vault: VaultState): string;
  loadDeletedVaults(): void;
  recoverVault(vault: DeletedVaultInfo): string;
  purgeVault(vault: DeletedVaultInfo): string;
}

export function createVaultLifecycle(w: VaultLifecycleWiring): VaultLifecycle {
  const clients = () => {
    if (!w.clients) throw noArm();
    return w.clients;
  };
  const subscriptionName = async (id: string) => (await w.subscriptions()).find((s) => s.id.toLowerCase() === id.toLowerCase())?.name;
  let deletedLoad: AbortController | undefined;

  function reloadDeletedIfShown(): void {
    if (w.getSnapshot().deletedVaults.status !== 'idle') lifecycle.loadDeletedVaults();
  }

  function start(kind: 'create' | 'delete' | 'recover' | 'purge', name: string, url: string, detail: string, run: (ctx: OperationContext) => Promise<{ detail: string }>): string {
    return w.tracker.start({ kind, collection: 'vaults', vault: { name, url }, target: name, cancellable: false, detail }, run);
  }

  function checkInput(input: VaultCreateInput): void {
    const nameProblem = vaultNameProblem(input.name);
    if (nameProblem) throw new ActionRefusedError('invalid', nameProblem, 'name');
    if (!/^[-\w._()]{1,90}$/.test(input.resourceGroup) || input.resourceGroup.endsWith('.')) {
      throw new ActionRefusedError('invalid', 'Resource group: 1–90 of letters, digits, - _ . ( ), not ending with a period.', 'resourceGroup');
    }
    if (!/^[a-z0-9]{2,40}$/i.test(input.location.replace(/\s+/g, ''))) throw new ActionRefusedError('invalid', 'Location: a region name like westeurope.', 'location');
    if (!Number.isInteger(input.retentionDays) || input.retentionDays < 7 || input.retentionDays > 90) {
      throw new ActionRefusedError('invalid', 'Soft-delete retention: a whole number of days from 7 to 90.', 'retentionDays');
    }
    if (!input.subscriptionId) throw new ActionRefusedError('invalid', 'Choose a subscription (none is known yet: :vaults lists them).', 'subscription');
  }

  const lifecycle: VaultLifecycle = {
    async checkVaultName(name, subscriptionId) {
      const problem = vaultNameProblem(name);
      if (problem) return { available: false, message: problem };
      try {
        const subscription = subscriptionId ?? (await w.subscriptions())[0]?.id;
        if (!subscription) return { message: 'no subscription to check the name in' };
        const client = await clients().keyVault(subscription);
        const answer = await client.vaults.checkNameAvailability({ name, type: 'Microsoft.KeyVault/vaults' });
        return { available: answer.nameAvailable, ...(answer.message ? { message: answer.message } : {}) };
      } catch (error) {
        return { message: `could not check the name: ${w.classify(error).message}` };
      }
    },

    createVault(input) {
      w.guard.assertWritable('create vault');
      clients();
      checkInput(input);
      const location = input.location.toLowerCase().replace(/\s+/g, '');
      return start('create', input.name, '', 'checking the name', async (ctx) => {
        const client = await clients().keyVault(input.subscriptionId);
        const name = await client.vaults.checkNameAvailability({ name: input.name, type: 'Microsoft.KeyVault/vaults' }, { abortSignal: ctx.signal });
        if (!name.nameAvailable) throw new ActionRefusedError('conflict', `the name ${input.name} is taken: ${name.message ?? name.reason ?? 'not available'}`);
        const subscriptions = await w.subscriptions(ctx.signal);
        const tenantId = w.identity()?.tenantId ?? subscriptions.find((s) => s.id === input.subscriptionId)?.tenantId;
        if (!tenantId) throw new ActionRefusedError('invalid', 'the tenant of the signed-in identity is not known yet; open a vault or list vaults first');
        const objectId = w.identity()?.objectId;
        const accessPolicies =
          input.permissionModel === 'accessPolicies' && objectId
            ? [{ tenantId, objectId, permissions: { keys: [...ALL_PERMISSIONS.keys], secrets: [...ALL_PERMISSIONS.secrets], certificates: [...ALL_PERMISSIONS.certificates] } }]
            : [];
        ctx.progress('submitting');
        const poller = await client.vaults.beginCreateOrUpdate(
          input.resourceGroup,
          input.name,
          {
            location,
            properties: {
              tenantId,
              sku: { family: 'A', name: input.sku },
              softDeleteRetentionInDays: input.retentionDays,
              ...(input.purgeProtection ? { enablePurgeProtection: true } : {}),
              enableRbacAuthorization: input.permissionModel === 'rbac',
              accessPolicies,
            },
          },
          { updateIntervalInMs: ctx.intervalMs, abortSignal: ctx.signal, onResponse: responseHook(ctx) },
        );
        const vault: Vault = await poller.pollUntilDone();
        const info = vaultInfoFromArm(vault as ArmVaultLike, await subscriptionName(input.subscriptionId));
        if (info) w.addVault({ ...info, origin: 'recent' });
        return { detail: vault.properties?.provisioningState ?? 'Succeeded' };
      });
    },

    deleteVault(vault) {
      w.guard.assertWritable('delete vault');
      clients();
      const arm = vault.arm;
      if (!arm) throw new ActionRefusedError('invalid', `ARM has not described ${vault.name} yet (its group and subscription are unknown): list vaults with :vaults first`);
      return start('delete', vault.name, vault.url, 'deleting', async (ctx) => {
        const client = await clients().keyVault(arm.subscriptionId);
        await client.vaults.delete(arm.resourceGroup, vault.name, { abortSignal: ctx.signal, onResponse: responseHook(ctx) });
        w.removeVault(vault.url);
        reloadDeletedIfShown();
        return { detail: 'deleted' };
      });
    },

    loadDeletedVaults() {
      if (!w.clients) {
        w.setDeletedVaults({ status: 'error', items: [], error: { class: 'invalid', message: noArm().message } });
        return;
      }
      deletedLoad?.abort();
      const controller = new AbortController();
      deletedLoad = controller;
      const current = w.getSnapshot().deletedVaults;
      w.setDeletedVaults({ status: 'loading', items: current.items });
      void (async () => {
        const items: DeletedVaultInfo[] = [];
        for (const subscription of await w.subscriptions(controller.signal)) {
          const client = await clients().keyVault(subscription.id);
          for await (const page of client.vaults.listDeleted({ abortSignal: controller.signal }).byPage()) {
            items.push(...page.map((d) => deletedVaultInfo(d, subscription.id)));
            if (!controller.signal.aborted) w.setDeletedVaults({ status: 'partial', items: [...items] });
          }
        }
        return items;
      })().then(
        (items) => {
          if (!controller.signal.aborted) w.setDeletedVaults({ status: 'complete', items });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) w.setDeletedVaults({ status: 'error', items: w.getSnapshot().deletedVaults.items, error: w.classify(error) });
        },
      );
    },

    recoverVault(deleted) {
      w.guard.assertWritable('recover vault');
      clients();
      return start('recover', deleted.name, '', 'recovering', async (ctx) => {
        const client = await clients().keyVault(deleted.subscriptionId);
        const tenantId = w.identity()?.tenantId ?? (await w.subscriptions(ctx.signal)).find((s) => s.id === deleted.subscriptionId)?.tenantId ?? '';
        const poller = await client.vaults.beginCreateOrUpdate(
          deleted.resourceGroup,
          deleted.name,
          { location: deleted.location, properties: { tenantId, sku: { family: 'A', name: 'standard' }, createMode: 'recover' } },
          { updateIntervalInMs: ctx.intervalMs, abortSignal: ctx.signal, onResponse: responseHook(ctx) },
        );
        const vault = await poller.pollUntilDone();
        const info = vaultInfoFromArm(vault as ArmVaultLike, await subscriptionName(deleted.subscriptionId));
        if (info) w.addVault({ ...info, origin: 'recent' });
        reloadDeletedIfShown();
        return { detail: 'recovered' };
      });
    },

    purgeVault(deleted) {
      w.guard.assertWritable('purge vault');
      clients();
      if (deleted.purgeProtection) {
        throw new ActionRefusedError(
          'conflict',
          `${deleted.name} has purge protection: it is purged by the service on ${deleted.scheduledPurgeDate?.toISOString().slice(0, 10) ?? 'its scheduled date'}, not before`,
        );
      }
      return start('purge', deleted.name, '', 'purging', async (ctx) => {
        const client = await clients().keyVault(deleted.subscriptionId);
        const poller = await client.vaults.beginPurgeDeleted(deleted.name, deleted.location, {
          updateIntervalInMs: ctx.intervalMs,
          abortSignal: ctx.signal,
          onResponse: responseHook(ctx),
        });
        ctx.progress('purging');
        await poller.pollUntilDone();
        reloadDeletedIfShown();
        return { detail: 'purged' };
      });
    },
  };
  return lifecycle;
}
