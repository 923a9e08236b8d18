// Key Vault access policies, per vault: which identity (object id in a tenant) may do what
// per collection. Shaped like ARM's `properties.accessPolicies[]`, so what the admin API
// shows reads like the real vault's policy list. Input comes from startEmulator options or
// the admin API and is validated here with messages that say what is allowed.
import type { Identity, IdentityRegistry } from '../identity/index.js';
import type { PolicyCollection } from './permissions.js';
import { allPermissions, canonicalPermissions, isPolicyCollection, POLICY_COLLECTIONS } from './permissions.js';

export type PolicyPermissions = Partial<Record<PolicyCollection, string[]>>;

/** One entry as given: an identity by emulator name (`kvx-reader`) or by object id. */
export interface AccessPolicyInput {
  /** Emulator identity name: 'system', 'kvx-app', 'kvx-reader', or the user's name ('alice'). */
  identity?: string;
  /** Object id (a token's `oid`); for identities the emulator does not mint tokens for. */
  objectId?: string;
  /** Default: the emulator's tenant. */
  tenantId?: string;
  permissions: PolicyPermissions;
}

export interface AccessPolicy {
  tenantId: string;
  objectId: string;
  /** The emulator identity's name, when the object id is one of them. */
  identity?: string;
  permissions: Record<PolicyCollection, string[]>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = new Set(['identity', 'objectId', 'tenantId', 'permissions']);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates a list of policy entries (from JSON or options); throws naming the bad entry and what is allowed. */
export function parseAccessPolicies(input: unknown, identities: IdentityRegistry): AccessPolicy[] {
  if (!Array.isArray(input)) {
    throw new Error('Access policies must be a list like [{"identity": "kvx-reader", "permissions": {"secrets": ["get", "list"]}}].');
  }
  const seen = new Set<string>();
  return input.map((entry: unknown, i) => {
    const at = `Access policy ${i + 1}`;
    if (!isObject(entry)) throw new Error(`${at} must be an object with "identity" or "objectId", and "permissions".`);
    for (const field of Object.keys(entry)) {
      if (!FIELDS.has(field)) throw new Error(`${at}: unknown field '${field.slice(0, 40)}'; allowed: ${[...FIELDS].join(', ')}.`);
    }
    const { identity: name, objectId, tenantId } = entry;
    if ((name === undefined) === (objectId === undefined)) throw new Error(`${at}: give exactly one of "identity" or "objectId".`);
    let identity: Identity | undefined;
    if (name !== undefined) {
      if (typeof name !== 'string') throw new Error(`${at}: "identity" must be a name: ${names(identities)}.`);
      identity = identities.all.find((x) => x.name === name);
      if (!identity) throw new Error(`${at}: no identity named '${name.slice(0, 40)}'; known: ${names(identities)}.`);
    } else if (typeof objectId !== 'string' || !GUID.test(objectId)) {
      throw new Error(`${at}: "objectId" must be a GUID like 00000000-0000-0000-0000-000000000000.`);
    } else {
      identity = identities.all.find((x) => x.objectId.toLowerCase() === objectId.toLowerCase());
    }
    if (tenantId !== undefined && (typeof tenantId !== 'string' || !GUID.test(tenantId))) {
      throw new Error(`${at}: "tenantId" must be a GUID like 00000000-0000-0000-0000-000000000000.`);
    }
    const policy: AccessPolicy = {
      tenantId: (tenantId ?? identities.tenantId).toLowerCase(),
      objectId: (identity?.objectId ?? (objectId as string)).toLowerCase(),
      permissions: parsePermissions(at, entry.permissions),
    };
    if (identity) policy.identity = identity.name;
    const key = `${policy.tenantId}/${policy.objectId}`;
    if (seen.has(key)) throw new Error(`${at}: ${policy.identity ?? policy.objectId} already has a policy in this list; give one entry per identity.`);
    seen.add(key);
    return policy;
  });
}

function names(identities: IdentityRegistry): string {
  return identities.all.map((x) => x.name).join(', ');
}

function parsePermissions(at: string, input: unknown): Record<PolicyCollection, string[]> {
  if (!isObject(input)) throw new Error(`${at}: "permissions" must be an object like {"secrets": ["get", "list"], "keys": [], "certificates": []}.`);
  const out: Record<PolicyCollection, string[]> = { secrets: [], keys: [], certificates: [] };
  for (const [collection, list] of Object.entries(input)) {
    if (!isPolicyCollection(collection)) {
      throw new Error(`${at}: unknown collection '${collection.slice(0, 40)}' in "permissions"; allowed: ${POLICY_COLLECTIONS.join(', ')}.`);
    }
    if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) {
      throw new Error(`${at}: permissions.${collection} must be a list of names like ["get", "list"].`);
    }
    try {
      out[collection] = canonicalPermissions(collection, list as string[]);
    } catch (err) {
      throw new Error(`${at}: ${(err as Error).message}`, { cause: err });
    }
  }
  return out;
}

/**
 * What every vault starts with: everything for the system-assigned identity, `kvx-app`, other
 * user-assigned identities and the user; `kvx-reader` may read secrets and keys but not list
 * certificates (so the explorer's per-pane permission errors can be shown).
 */
export function defaultAccessPolicies(identities: IdentityRegistry): AccessPolicy[] {
  return identities.all.map((identity) => ({
    tenantId: identities.tenantId.toLowerCase(),
    objectId: identity.objectId.toLowerCase(),
    identity: identity.name,
    permissions:
      identity.name === 'kvx-reader'
        ? { secrets: ['get', 'list'], keys: ['get', 'list'], certificates: ['get'] }
        : allPermissions(),
  }));
}

/** The policies of every vault of one emulator; vault names match case-insensitively. */
export class AccessPolicyStore {
  private readonly byVault = new Map<string, AccessPolicy[]>();

  get(vault: string): AccessPolicy[] {
    return structuredClone(this.byVault.get(vault.toLowerCase()) ?? []);
  }

  set(vault: string, policies: readonly AccessPolicy[]): AccessPolicy[] {
    this.byVault.set(vault.toLowerCase(), structuredClone([...policies]));
    return this.get(vault);
  }

  /** Whether the caller (tenant + object id) holds `permission` (`secrets/list`, `keys/wrapKey`) on the vault. */
  allows(vault: string, caller: { tenantId: string; objectId: string }, permission: string): boolean {
    const [collection, operation] = permission.split('/');
    if (!isPolicyCollection(collection) || operation === undefined) return false;
    const wanted = operation.toLowerCase();
    return (this.byVault.get(vault.toLowerCase()) ?? []).some(
      (p) =>
        p.tenantId === caller.tenantId.toLowerCase() &&
        p.objectId === caller.objectId.toLowerCase() &&
        p.permissions[collection].some((granted) => granted.toLowerCase() === wanted),
    );
  }
}
