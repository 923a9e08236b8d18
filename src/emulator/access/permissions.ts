// Access-policy permission names per collection, spelt as the service and ARM's
// `accessPolicies[].permissions` spell them. Routes name theirs as `collection/operation`
// (router.ts); checks compare case-insensitively, as the service does (`wrapKey` = `wrapkey`).

export type PolicyCollection = 'secrets' | 'keys' | 'certificates';
export const POLICY_COLLECTIONS: readonly PolicyCollection[] = ['secrets', 'keys', 'certificates'];

const SECRET_PERMISSIONS = ['get', 'list', 'set', 'delete', 'recover', 'backup', 'restore', 'purge'] as const;

export const PERMISSIONS: Readonly<Record<PolicyCollection, readonly string[]>> = {
  secrets: SECRET_PERMISSIONS,
  keys: [
    'get', 'list', 'update', 'create', 'import', 'delete', 'recover', 'backup', 'restore', 'purge',
    'rotate', 'getrotationpolicy', 'setrotationpolicy', 'release',
    'sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey',
  ],
  certificates: [
    'get', 'list', 'update', 'create', 'import', 'delete', 'recover', 'backup', 'restore', 'purge',
    'managecontacts', 'getissuers', 'listissuers', 'setissuers', 'deleteissuers', 'manageissuers',
  ],
};

/** Every permission per collection: what the default identities get. */
export function allPermissions(): Record<PolicyCollection, string[]> {
  return { secrets: [...PERMISSIONS.secrets], keys: [...PERMISSIONS.keys], certificates: [...PERMISSIONS.certificates] };
}

export function isPolicyCollection(value: string): value is PolicyCollection {
  return (POLICY_COLLECTIONS as readonly string[]).includes(value);
}

/**
 * The canonical spelling of a permission, or throws saying which names the collection has.
 * `all` stands for every permission of the collection, as in `az keyvault set-policy`.
 */
export function canonicalPermissions(collection: PolicyCollection, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (name.toLowerCase() === 'all') {
      PERMISSIONS[collection].forEach((p) => out.add(p));
      continue;
    }
    const found = PERMISSIONS[collection].find((p) => p.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new Error(
        `Unknown ${collection} permission '${name.slice(0, 40)}'; allowed: ${PERMISSIONS[collection].join(', ')} (or all).`,
      );
    }
    out.add(found);
  }
  return [...out];
}
