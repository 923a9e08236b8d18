// Access policy changes as ARM's accessPolicies/{add|replace|remove} apply them: add merges the
// permissions into the identity's policy (or adds one), replace sets them, remove takes them
// away and drops a policy left with none.
import type { AccessPolicy } from './access/access-policies.js';
import { POLICY_COLLECTIONS } from './access/permissions.js';
import type { AccessPolicyUpdateKind } from './arm/arm-manager.js';
import type { ArmAccessPolicyEntry } from './arm/arm-resources.js';

type Permissions = AccessPolicy['permissions'];

function merge(a: Permissions, b: Permissions, combine: (x: string[], y: string[]) => string[]): Permissions {
  return { secrets: combine(a.secrets, b.secrets), keys: combine(a.keys, b.keys), certificates: combine(a.certificates, b.certificates) };
}

export function applyPolicyUpdate(current: AccessPolicy[], changes: readonly AccessPolicy[], kind: AccessPolicyUpdateKind): AccessPolicy[] {
  const same = (a: AccessPolicy, b: AccessPolicy) => a.tenantId === b.tenantId && a.objectId === b.objectId;
  let next = current;
  for (const change of changes) {
    const at = next.findIndex((p) => same(p, change));
    if (kind === 'replace' || (kind === 'add' && at < 0)) {
      next = at < 0 ? [...next, change] : next.map((p, i) => (i === at ? change : p));
    } else if (kind === 'add') {
      next = next.map((p, i) => (i === at ? { ...p, permissions: merge(p.permissions, change.permissions, (a, b) => [...new Set([...a, ...b])]) } : p));
    } else if (at >= 0) {
      const left = merge(next[at].permissions, change.permissions, (a, b) => a.filter((x) => !b.includes(x)));
      const empty = POLICY_COLLECTIONS.every((c) => left[c].length === 0);
      next = empty ? next.filter((_, i) => i !== at) : next.map((p, i) => (i === at ? { ...p, permissions: left } : p));
    }
  }
  return next;
}

export function toEntry(policy: AccessPolicy): ArmAccessPolicyEntry {
  return { tenantId: policy.tenantId, objectId: policy.objectId, permissions: { ...policy.permissions } };
}
