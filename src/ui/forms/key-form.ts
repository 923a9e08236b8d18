// The key forms: new key (RSA with a size, EC with a curve, oct-HSM; operations; expiry) and
// edit attributes/tags/operations of a version.
import type { KeyInput, PropertiesUpdate } from '../../store/mutations/inputs.js';
import type { ItemSummary } from '../../store/types.js';
import { KEY_TYPES, checkKeyOps, checkKeyShape, checkName } from '../../store/validate-input.js';
import type { Built } from './form-checks.js';
import { Problems } from './form-checks.js';
import type { FieldSpec } from './form-model.js';
import { attributeFields, secretValues, takeAttributes } from './secret-form.js';

export function keyFields(mode: 'new' | 'edit'): FieldSpec[] {
  const fields: FieldSpec[] = [];
  if (mode === 'new') {
    fields.push(
      { id: 'name', label: 'name', kind: 'text', hint: '1–127 of a-z A-Z 0-9 -' },
      { id: 'keyType', label: 'type', kind: 'choice', options: KEY_TYPES },
      { id: 'size', label: 'size / curve', kind: 'text', hint: 'RSA 2048|3072|4096, EC P-256|P-384|P-521|P-256K, oct-HSM 128|192|256' },
    );
  }
  fields.push({ id: 'keyOps', label: 'operations', kind: 'text', hint: 'sign verify encrypt decrypt wrapKey unwrapKey; empty = all' }, ...attributeFields);
  return fields;
}

export function keyValues(item?: ItemSummary, keyOps?: readonly string[]): Record<string, string> {
  return { ...secretValues(item), keyOps: keyOps?.join(' ') ?? '' };
}

export function buildKey(values: Readonly<Record<string, string>>, vault: string, now: number): Built<KeyInput> {
  const problems = new Problems();
  const name = problems.take(checkName(values.name ?? ''));
  const shape = problems.take(checkKeyShape(values.keyType ?? '', values.size ?? ''));
  const keyOps = problems.take(checkKeyOps(values.keyOps ?? ''));
  const attributes = takeAttributes(values, problems, now);
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { vault, name: name!, ...shape!, keyOps, ...attributes } };
}

export function buildKeyUpdate(values: Readonly<Record<string, string>>, version: string | undefined, now: number): Built<PropertiesUpdate> {
  const problems = new Problems();
  const keyOps = problems.take(checkKeyOps(values.keyOps ?? ''));
  const attributes = takeAttributes(values, problems, now);
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { ...attributes, keyOps, version } };
}
