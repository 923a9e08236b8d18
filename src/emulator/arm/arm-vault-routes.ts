// ARM's vault lifecycle routes under one subscription, as @azure/arm-keyvault and
// azure-mgmt-keyvault call them:
//   PUT|PATCH|DELETE resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}
//   PUT  resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}/accessPolicies/{add|replace|remove}
//   POST providers/Microsoft.KeyVault/checkNameAvailability
//   GET  providers/Microsoft.KeyVault/deletedVaults
//   GET  providers/Microsoft.KeyVault/locations/{l}/deletedVaults/{name}
//   POST providers/Microsoft.KeyVault/locations/{l}/deletedVaults/{name}/purge      (long-running)
//   GET  providers/Microsoft.KeyVault/locations/{l}/operationStatus|operationResults/{id}
// Create (and recover: PUT with createMode recover) and purge are long-running: 201/202 with
// Azure-AsyncOperation and Location. The manager makes each change real.
import type { AccessPolicyUpdateKind, ArmVaultManager, VaultSpec } from './arm-manager.js';
import { ArmError } from './arm-manager.js';
import type { ArmOperations } from './arm-operations.js';
import type { ArmVault, ArmVaultProperties } from './arm-resources.js';
import { bad, isObject, parsePolicyEntries, parseProperties, parseTags } from './arm-vault-input.js';
import { DEFAULT_RESOURCE_GROUP, VAULT_TYPE, deletedVaultResource, vaultResource, vaultResourceId } from './arm-resources.js';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ManageContext {
  manager: ArmVaultManager;
  operations: ArmOperations;
  /** The ARM origin, for Location headers. */
  base: string;
  tenantId: string;
  subscriptionId: string;
  /** Every live vault of every subscription (vault names are global), with its subscription. */
  vaults(): readonly { vault: ArmVault; subscriptionId: string }[];
}

const VAULT_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const POLICY_KINDS: readonly AccessPolicyUpdateKind[] = ['add', 'replace', 'remove'];

const groupOf = (vault: ArmVault) => vault.resourceGroup ?? DEFAULT_RESOURCE_GROUP;
function nameMessage(name: string): string | undefined {
  if (VAULT_NAME.test(name)) return undefined;
  return `The vault name '${name.slice(0, 40)}' is invalid: use 3–24 letters, digits and '-', starting with a letter, ending with a letter or digit, without '--'.`;
}

export async function routeVaultWrite(ctx: ManageContext, method: string, parts: readonly string[], body: unknown): Promise<Answer | undefined> {
  const lower = parts.map((p) => p.toLowerCase());
  const isKv = lower[0] === 'providers' && lower[1] === 'microsoft.keyvault';

  // checkNameAvailability
  if (isKv && lower.length === 3 && lower[2] === 'checknameavailability') {
    if (method !== 'POST') return methodNotAllowed(method);
    return { status: 200, body: checkName(ctx, body) };
  }
  // deletedVaults (subscription-wide list)
  if (isKv && lower.length === 3 && lower[2] === 'deletedvaults') {
    if (method !== 'GET') return methodNotAllowed(method);
    const value = ctx.manager.deletedVaults().filter((d) => d.subscriptionId.toLowerCase() === ctx.subscriptionId.toLowerCase()).map(deletedVaultResource);
    return { status: 200, body: { value } };
  }
  if (isKv && lower[2] === 'locations' && lower.length >= 6) {
    const location = lower[3];
    if (lower[4] === 'deletedvaults') {
      const deleted = ctx.manager
        .deletedVaults()
        .find((d) => d.name.toLowerCase() === lower[5] && d.location.toLowerCase() === location && d.subscriptionId.toLowerCase() === ctx.subscriptionId.toLowerCase());
      if (!deleted) throw new ArmError(404, 'ResourceNotFound', `The deleted vault '${parts[5]}' was not found in location '${parts[3]}'.`);
      if (lower.length === 6) {
        if (method !== 'GET') return methodNotAllowed(method);
        return { status: 200, body: deletedVaultResource(deleted) };
      }
      if (lower.length === 7 && lower[6] === 'purge') {
        if (method !== 'POST') return methodNotAllowed(method);
        if (deleted.purgeProtectionEnabled) {
          throw new ArmError(
            409,
            'Conflict',
            `Vault '${deleted.name}' has purge protection on: it cannot be purged before its scheduled purge date ${deleted.scheduledPurgeDate.toISOString()}.`,
          );
        }
        const operation = ctx.operations.start('DeletedVaultPurge', ctx.manager.purge(deleted.name));
        return { status: 202, body: '', headers: ctx.operations.headers(operation, ctx.base, ctx.subscriptionId, deleted.location) };
      }
    }
    if ((lower[4] === 'operationstatus' || lower[4] === 'operationresults') && lower.length === 6) {
      if (method !== 'GET') return methodNotAllowed(method);
      const operation = ctx.operations.get(lower[5]);
      if (!operation) throw new ArmError(404, 'OperationNotFound', `No long-running operation '${parts[5].slice(0, 60)}'.`);
      if (lower[4] === 'operationstatus') return { status: 200, body: ctx.operations.statusBody(operation) };
      if (operation.status === 'InProgress') return { status: 202, body: '', headers: { Location: `${ctx.base}/subscriptions/${ctx.subscriptionId}/${parts.join('/')}?api-version=2026-02-01`, 'Retry-After': '1' } };
      if (operation.status === 'Failed') return { status: 400, body: { error: operation.error } };
      return { status: 200, body: '' };
    }
  }

  // resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}[/accessPolicies/{kind}]
  if (lower[0] !== 'resourcegroups' || lower[2] !== 'providers' || lower[3] !== 'microsoft.keyvault' || lower[4] !== 'vaults') return undefined;
  if (lower.length === 6 && method === 'GET') return undefined; // the read routes answer
  const group = parts[1];
  const name = parts[5];
  if (lower.length === 6) {
    if (method === 'PUT') return putVault(ctx, group, name, body);
    if (method === 'PATCH') return patchVault(ctx, group, name, body);
    if (method === 'DELETE') {
      const found = findInGroup(ctx, group, name);
      if (!found) return { status: 204, body: '' };
      await ctx.manager.delete(found.name);
      return { status: 200, body: '' };
    }
    return methodNotAllowed(method);
  }
  if (lower.length === 8 && lower[6] === 'accesspolicies') {
    if (method !== 'PUT') return methodNotAllowed(method);
    const kind = lower[7] as AccessPolicyUpdateKind;
    if (!POLICY_KINDS.includes(kind)) throw bad(`The access policy operation must be add, replace or remove, not '${parts[7].slice(0, 20)}'.`);
    const found = findInGroup(ctx, group, name);
    if (!found) throw notFound(group, name);
    const properties = isObject(body) ? body.properties : undefined;
    if (!isObject(properties)) throw bad('The request must be {"properties": {"accessPolicies": [...]}}.');
    const entries = parsePolicyEntries(properties.accessPolicies);
    const accessPolicies = ctx.manager.updateAccessPolicies(found.name, kind, entries);
    return {
      status: 200,
      body: {
        id: `${vaultResourceId(found, ctx.subscriptionId)}/accessPolicies/${kind}`,
        name: kind,
        type: `${VAULT_TYPE}/accessPolicies`,
        location: found.location,
        properties: { accessPolicies },
      },
    };
  }
  return undefined;
}

function methodNotAllowed(method: string): Answer {
  return { status: 405, body: { error: { code: 'MethodNotAllowed', message: `Method ${method} is not allowed on this resource.` } } };
}

function notFound(group: string, name: string): ArmError {
  return new ArmError(404, 'ResourceNotFound', `The Resource '${VAULT_TYPE}/${name}' under resource group '${group}' was not found.`);
}

function findInGroup(ctx: ManageContext, group: string, name: string): ArmVault | undefined {
  return ctx
    .vaults()
    .find(
      (v) =>
        v.subscriptionId.toLowerCase() === ctx.subscriptionId.toLowerCase() &&
        groupOf(v.vault).toLowerCase() === group.toLowerCase() &&
        v.vault.name.toLowerCase() === name.toLowerCase(),
    )?.vault;
}

function checkName(ctx: ManageContext, body: unknown): Record<string, unknown> {
  const name = isObject(body) ? body.name : undefined;
  if (typeof name !== 'string') throw bad('The request must be {"name": "<vault name>", "type": "Microsoft.KeyVault/vaults"}.');
  const invalid = nameMessage(name);
  if (invalid) return { nameAvailable: false, reason: 'AccountNameInvalid', message: invalid };
  const wanted = name.toLowerCase();
  if (ctx.vaults().some((v) => v.vault.name.toLowerCase() === wanted)) {
    return { nameAvailable: false, reason: 'AlreadyExists', message: `The vault name '${name}' is already in use.` };
  }
  if (ctx.manager.deletedVaults().some((d) => d.name.toLowerCase() === wanted)) {
    return {
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: `The vault name '${name}' is in use by a deleted vault: recover it, or purge it to reuse the name.`,
    };
  }
  return { nameAvailable: true };
}

function specFrom(ctx: ManageContext, group: string, name: string, body: Record<string, unknown>, properties: ArmVaultProperties): VaultSpec {
  if (typeof body.location !== 'string' || body.location.trim() === '') throw bad("The request must name a location, e.g. \"location\": \"westeurope\".", 'LocationRequired');
  return {
    name,
    subscriptionId: ctx.subscriptionId,
    resourceGroup: group,
    location: body.location.toLowerCase().replace(/\s+/g, ''),
    tags: parseTags(body.tags) ?? {},
    tenantId: ctx.tenantId,
    properties,
  };
}

async function putVault(ctx: ManageContext, group: string, name: string, body: unknown): Promise<Answer> {
  const invalid = nameMessage(name);
  if (invalid) throw bad(invalid, 'VaultNameNotValid');
  if (!isObject(body)) throw bad('The request body must be a vault: {"location", "properties": {tenantId, sku, …}}.');
  const existing = findInGroup(ctx, group, name);
  const { createMode, ...properties } = parseProperties(body.properties, existing === undefined);
  if (existing) {
    const vault = ctx.manager.update(existing.name, { tags: parseTags(body.tags), properties });
    return { status: 200, body: vaultResource(vault, ctx.subscriptionId, ctx.tenantId) };
  }
  const wanted = name.toLowerCase();
  if (ctx.vaults().some((v) => v.vault.name.toLowerCase() === wanted)) {
    throw new ArmError(409, 'VaultAlreadyExists', `The vault name '${name}' is already in use. Vault names are globally unique.`);
  }
  const deleted = ctx.manager.deletedVaults().find((d) => d.name.toLowerCase() === wanted);
  if (createMode === 'recover') {
    if (!deleted) throw new ArmError(404, 'ResourceNotFound', `There is no deleted vault named '${name}' to recover.`);
    const started = await ctx.manager.recover(deleted.name, specFrom(ctx, group, deleted.name, body, properties));
    return provisioningAnswer(ctx, started.vault, started.provisioned, 'VaultRecover');
  }
  if (deleted) {
    throw new ArmError(409, 'ConflictError', `Exist soft deleted vault with the same name '${name}': recover it (createMode recover) or purge it first.`);
  }
  const started = await ctx.manager.create(specFrom(ctx, group, name, body, properties));
  return provisioningAnswer(ctx, started.vault, started.provisioned, 'VaultCreate');
}

function provisioningAnswer(ctx: ManageContext, vault: ArmVault, provisioned: Promise<void>, name: string): Answer {
  const body = vaultResource(vault, ctx.subscriptionId, ctx.tenantId);
  if (vault.properties?.provisioningState === 'Succeeded' || vault.properties?.provisioningState === undefined) return { status: 200, body };
  const operation = ctx.operations.start(name, provisioned);
  return { status: 201, body, headers: ctx.operations.headers(operation, ctx.base, ctx.subscriptionId, vault.location ?? 'westeurope') };
}

function patchVault(ctx: ManageContext, group: string, name: string, body: unknown): Answer {
  const existing = findInGroup(ctx, group, name);
  if (!existing) throw notFound(group, name);
  if (!isObject(body)) throw bad('The request body must be {"tags"?, "properties"?}.');
  const { createMode, ...properties } = parseProperties(body.properties, false);
  if (createMode !== undefined) throw bad('createMode is only for PUT.');
  const vault = ctx.manager.update(existing.name, { tags: parseTags(body.tags), properties });
  return { status: 200, body: vaultResource(vault, ctx.subscriptionId, ctx.tenantId) };
}
