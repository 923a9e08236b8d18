// The bodies of ARM's vault writes, checked: properties of a PUT/PATCH, access policy entries
// and tags. Anything wrong is ARM's 400 naming the field and what is allowed.
import { ArmError } from './arm-manager.js';
import type { ArmAccessPolicyEntry, ArmVaultProperties } from './arm-resources.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function bad(message: string, code = 'BadRequest'): ArmError {
  return new ArmError(400, code, message);
}

/** Access policy entries from a request body; throws ARM's 400 naming the bad one. */
export function parsePolicyEntries(input: unknown): ArmAccessPolicyEntry[] {
  if (!Array.isArray(input)) throw bad('properties.accessPolicies must be a list of {tenantId, objectId, permissions}.');
  return input.map((entry: unknown, i) => {
    const at = `accessPolicies[${i}]`;
    if (!isObject(entry)) throw bad(`${at} must be an object with tenantId, objectId and permissions.`);
    const { tenantId, objectId, applicationId, permissions } = entry;
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) throw bad(`${at}.tenantId must be a GUID.`);
    if (typeof objectId !== 'string' || objectId.length === 0 || objectId.length > 128) throw bad(`${at}.objectId must be an object id.`);
    if (!isObject(permissions)) throw bad(`${at}.permissions must be an object like {"secrets": ["get", "list"]}.`);
    const out: ArmAccessPolicyEntry = { tenantId, objectId, permissions: {} };
    if (typeof applicationId === 'string') out.applicationId = applicationId;
    for (const key of ['keys', 'secrets', 'certificates', 'storage'] as const) {
      const list = permissions[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) throw bad(`${at}.permissions.${key} must be a list of permission names.`);
      out.permissions[key] = list as string[];
    }
    return out;
  });
}

export function parseProperties(input: unknown, creating: boolean): ArmVaultProperties & { createMode?: string } {
  if (input === undefined && !creating) return {};
  if (!isObject(input)) throw bad('The request must carry "properties" (tenantId, sku, accessPolicies…).');
  const out: ArmVaultProperties & { createMode?: string } = {};
  const { sku, softDeleteRetentionInDays, enablePurgeProtection, enableSoftDelete, enableRbacAuthorization, publicNetworkAccess, accessPolicies, createMode, tenantId } = input;
  if (createMode !== undefined) {
    if (createMode !== 'default' && createMode !== 'recover') throw bad(`createMode must be 'default' or 'recover', not '${String(createMode).slice(0, 20)}'.`);
    out.createMode = createMode;
  }
  const recovering = createMode === 'recover';
  if (creating && !recovering) {
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) throw bad('properties.tenantId is required and must be a GUID.');
    if (!isObject(sku) || (sku.name !== 'standard' && sku.name !== 'premium')) throw bad("properties.sku must be {family: 'A', name: 'standard' | 'premium'}.");
  }
  if (sku !== undefined) {
    if (!isObject(sku) || (sku.name !== 'standard' && sku.name !== 'premium')) throw bad("properties.sku must be {family: 'A', name: 'standard' | 'premium'}.");
    out.sku = sku.name;
  }
  if (softDeleteRetentionInDays !== undefined) {
    if (typeof softDeleteRetentionInDays !== 'number' || !Number.isInteger(softDeleteRetentionInDays) || softDeleteRetentionInDays < 7 || softDeleteRetentionInDays > 90) {
      throw bad('properties.softDeleteRetentionInDays must be a whole number of days from 7 to 90.');
    }
    out.softDeleteRetentionInDays = softDeleteRetentionInDays;
  }
  if (enableSoftDelete === false) throw bad('Soft delete cannot be turned off: every vault keeps deleted vaults and items for their retention period.');
  if (enablePurgeProtection !== undefined && enablePurgeProtection !== null) {
    if (typeof enablePurgeProtection !== 'boolean') throw bad('properties.enablePurgeProtection must be true or false.');
    out.enablePurgeProtection = enablePurgeProtection;
  }
  if (enableRbacAuthorization !== undefined) {
    if (typeof enableRbacAuthorization !== 'boolean') throw bad('properties.enableRbacAuthorization must be true or false.');
    out.enableRbacAuthorization = enableRbacAuthorization;
  }
  if (publicNetworkAccess !== undefined) {
    if (publicNetworkAccess !== 'Enabled' && publicNetworkAccess !== 'Disabled') throw bad("properties.publicNetworkAccess must be 'Enabled' or 'Disabled'.");
    out.publicNetworkAccess = publicNetworkAccess;
  }
  if (accessPolicies !== undefined) out.accessPolicies = parsePolicyEntries(accessPolicies);
  return out;
}

export function parseTags(input: unknown): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  if (!isObject(input) || Object.values(input).some((v) => typeof v !== 'string')) throw bad('tags must be an object of string values.');
  return input as Record<string, string>;
}
