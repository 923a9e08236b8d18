// Access policies as text: who a policy is for (the signed-in identity by name, else the
// object id) and what it grants, and the line a 403 shows about the caller's own grants.
import type { AccessPolicyEntry, IdentityInfo, VaultState } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';

const COLLECTIONS = ['secrets', 'keys', 'certificates'] as const;

export function policyWho(policy: AccessPolicyEntry, identity: IdentityInfo | undefined): string {
  const mine = identity?.objectId && identity.objectId.toLowerCase() === policy.objectId.toLowerCase();
  return escapeControl(mine ? `${identity.display} (you)` : policy.objectId);
}

/** "secrets get, list · keys get" ("nothing" when it grants nothing). */
export function policyGrants(policy: AccessPolicyEntry | undefined): string {
  const parts = COLLECTIONS.filter((c) => (policy?.permissions[c].length ?? 0) > 0).map((c) => `${c} ${policy!.permissions[c].join(', ')}`);
  return escapeControl(parts.length > 0 ? parts.join(' · ') : 'nothing');
}

/** For a 403: who the caller is and what this vault's policies give them, pointing at the view (`viewKey`, a by default). */
export function forbiddenPolicyLine(vault: Pick<VaultState, 'arm'> | undefined, identity: IdentityInfo | undefined, viewKey = 'a'): string {
  const who = escapeControl(identity?.display ?? 'this identity');
  const arm = vault?.arm;
  if (!arm || !arm.accessPolicies) return `you are ${who} — ${viewKey} shows who may access this vault`;
  if (arm.permissionModel === 'rbac') return `you are ${who}; Azure RBAC roles govern this vault — ${viewKey} shows more`;
  const mine = identity?.objectId ? arm.accessPolicies.find((p) => p.objectId.toLowerCase() === identity.objectId!.toLowerCase()) : undefined;
  return `you are ${who}; this vault's policies give you: ${policyGrants(mine)} — ${viewKey} shows access policies`;
}
