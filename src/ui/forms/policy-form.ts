// The access-policy form: the identity's object id and its permissions per collection, typed
// as comma-separated names (`get, list`). The store checks the names against ARM's lists.
import type { AccessPolicyEntry, AccessPolicyInput } from '../../store/types.js';
import type { Built } from './form-checks.js';
import type { FieldSpec } from './form-model.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function policyFields(editing: boolean): FieldSpec[] {
  return [
    ...(editing ? [] : [{ id: 'objectId', label: 'object id', kind: 'text' as const, hint: "the identity's object id (a GUID)" }]),
    { id: 'secrets', label: 'secrets', kind: 'text', hint: 'e.g. get, list' },
    { id: 'keys', label: 'keys', kind: 'text', hint: 'e.g. get, list, sign' },
    { id: 'certificates', label: 'certificates', kind: 'text', hint: 'e.g. get, list' },
  ];
}

export function policyValues(policy?: AccessPolicyEntry): Record<string, string> {
  if (!policy) return {};
  return { secrets: policy.permissions.secrets.join(', '), keys: policy.permissions.keys.join(', '), certificates: policy.permissions.certificates.join(', ') };
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);

export function buildPolicy(values: Readonly<Record<string, string>>, objectId?: string): Built<AccessPolicyInput> {
  const id = (objectId ?? values.objectId ?? '').trim();
  if (!GUID.test(id)) return { ok: false, problems: { objectId: "Object id: the identity's object id, a GUID like 00000000-0000-0000-0000-000000000000." } };
  return { ok: true, input: { objectId: id, permissions: { secrets: list(values.secrets), keys: list(values.keys), certificates: list(values.certificates) } } };
}
