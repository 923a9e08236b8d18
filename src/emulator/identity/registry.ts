// The identities the emulator's token endpoints can speak for: the machine's
// system-assigned identity, user-assigned identities (picked by client_id, object_id or
// resource id, as the real endpoints allow), and a human user with a UPN.

import { stableUuid } from './stable-id.js';

export type IdentityKind = 'system-assigned' | 'user-assigned' | 'user';

export interface Identity {
  kind: IdentityKind;
  /** Short name: 'system' for the system-assigned one, else the resource or user name. */
  name: string;
  /** Application (client) id: the token's `appid`, what AZURE_CLIENT_ID selects. */
  clientId: string;
  /** Object (principal) id: the token's `oid` and `sub`. */
  objectId: string;
  /** ARM resource id of a managed identity: the token's `xms_mirid`. */
  resourceId?: string;
  /** User principal name (users only): the token's `upn`. */
  upn?: string;
  displayName: string;
}

export interface IdentityRegistryOptions {
  /** Tenant of every identity; a stable GUID by default. */
  tenantId?: string;
  /** Subscription the managed identities' resource ids live in; a stable GUID by default. */
  subscriptionId?: string;
  /** Resource group of the emulated VM and identities; default 'kvx-emulator'. */
  resourceGroup?: string;
  /** Names of user-assigned identities; default ['kvx-app', 'kvx-reader']. */
  userAssigned?: string[];
  /** UPN of the human user identity; default 'alice@kvx.example'. */
  userUpn?: string;
}

export interface IdentitySelector {
  clientId?: string;
  objectId?: string;
  resourceId?: string;
}

export interface IdentityRegistry {
  tenantId: string;
  subscriptionId: string;
  /** The system-assigned identity (what a request without client_id gets). */
  system: Identity;
  /** All identities, system-assigned first. */
  all: readonly Identity[];
  /** The identity a token request names; system-assigned when the selector is empty. */
  find(selector: IdentitySelector): Identity | undefined;
  /** Looks up by `name` (e.g. 'kvx-reader'); throws listing the known names. */
  byName(name: string): Identity;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

export function createIdentityRegistry(options: IdentityRegistryOptions = {}): IdentityRegistry {
  const tenantId = options.tenantId ?? stableUuid('tenant');
  const subscriptionId = options.subscriptionId ?? stableUuid('subscription');
  for (const [label, value] of [['tenantId', tenantId], ['subscriptionId', subscriptionId]] as const) {
    if (!GUID.test(value)) throw new Error(`${label} must be a GUID like 00000000-0000-0000-0000-000000000000, got "${value}"`);
  }
  const group = options.resourceGroup ?? 'kvx-emulator';
  const prefix = `/subscriptions/${subscriptionId}/resourcegroups/${group}/providers`;
  const userAssignedNames = options.userAssigned ?? ['kvx-app', 'kvx-reader'];
  const upn = options.userUpn ?? 'alice@kvx.example';
  if (!/^[^\s@]+@[^\s@]+$/.test(upn)) throw new Error(`userUpn must look like name@domain, got "${upn}"`);

  const system: Identity = {
    kind: 'system-assigned',
    name: 'system',
    clientId: stableUuid(`${tenantId}:system:client`),
    objectId: stableUuid(`${tenantId}:system:object`),
    resourceId: `${prefix}/Microsoft.Compute/virtualMachines/kvx-vm`,
    displayName: 'kvx-vm',
  };
  const userAssigned = userAssignedNames.map((name): Identity => {
    if (!RESOURCE_NAME.test(name)) {
      throw new Error(`User-assigned identity name "${name}" is invalid: use 3–128 letters, digits, '-' or '_', starting with a letter or digit`);
    }
    return {
      kind: 'user-assigned',
      name,
      clientId: stableUuid(`${tenantId}:${name}:client`),
      objectId: stableUuid(`${tenantId}:${name}:object`),
      resourceId: `${prefix}/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
      displayName: name,
    };
  });
  const userName = upn.split('@')[0];
  const user: Identity = {
    kind: 'user',
    name: userName,
    clientId: stableUuid(`${tenantId}:user:${upn}:client`),
    objectId: stableUuid(`${tenantId}:user:${upn}:object`),
    upn,
    displayName: userName.charAt(0).toUpperCase() + userName.slice(1),
  };
  const all = [system, ...userAssigned, user];
  const names = new Set<string>();
  for (const identity of all) {
    if (names.has(identity.name)) throw new Error(`Identity name "${identity.name}" is used twice: names must be unique`);
    names.add(identity.name);
  }

  return {
    tenantId,
    subscriptionId,
    system,
    all,
    find(selector) {
      const { clientId, objectId, resourceId } = selector;
      if (clientId) return all.find((i) => i.clientId.toLowerCase() === clientId.toLowerCase());
      if (objectId) return all.find((i) => i.objectId.toLowerCase() === objectId.toLowerCase());
      if (resourceId) return all.find((i) => i.resourceId?.toLowerCase() === resourceId.toLowerCase());
      return system;
    },
    byName(name) {
      const found = all.find((i) => i.name === name);
      if (!found) throw new Error(`No identity named "${name}": known are ${all.map((i) => i.name).join(', ')}`);
      return found;
    },
  };
}
