// The secret forms: new secret, new version of a secret, and edit attributes/tags of a version.
// Fields are text as typed; build*() checks them all and says what is wrong per field.
import type { PropertiesUpdate, SecretInput } from '../../store/mutations/inputs.js';
import type { ItemSummary } from '../../store/types.js';
import { checkContentType, checkName, checkSecretValue, checkValidity, formatDate, formatTags, parseDate, parseTags } from '../../store/validate-input.js';
import type { Built } from './form-checks.js';
import { Problems } from './form-checks.js';
import type { FieldSpec } from './form-model.js';

const DATE_HINT = 'YYYY-MM-DD[THH:MM] (UTC) or +30d; empty = none';

export const attributeFields: readonly FieldSpec[] = [
  { id: 'tags', label: 'tags', kind: 'text', hint: 'name=value, … (at most 15)' },
  { id: 'enabled', label: 'enabled', kind: 'toggle' },
  { id: 'notBefore', label: 'not before', kind: 'text', hint: DATE_HINT },
  { id: 'expiresOn', label: 'expires', kind: 'text', hint: DATE_HINT },
];

export function secretFields(mode: 'new' | 'version' | 'edit'): FieldSpec[] {
  const fields: FieldSpec[] = [];
  if (mode === 'new') fields.push({ id: 'name', label: 'name', kind: 'text', hint: '1–127 of a-z A-Z 0-9 -' });
  if (mode !== 'edit') fields.push({ id: 'value', label: 'value', kind: 'secret', hint: 'one line here; {input.editor} for $EDITOR (≤ 25 KiB)', editor: true });
  fields.push({ id: 'contentType', label: 'content type', kind: 'text', hint: 'e.g. text/plain' }, ...attributeFields);
  return fields;
}

/** Initial values: empty for a new secret, the item's current attributes otherwise. */
export function secretValues(item?: ItemSummary): Record<string, string> {
  if (!item) return { enabled: 'yes' };
  return {
    contentType: item.contentType ?? '',
    tags: formatTags(item.tags),
    enabled: item.enabled === false ? 'no' : 'yes',
    notBefore: formatDate(item.notBefore),
    expiresOn: formatDate(item.expiresOn),
  };
}

export interface Attributes {
  tags: Record<string, string>;
  enabled: boolean;
  notBefore?: Date;
  expiresOn?: Date;
}

export function takeAttributes(values: Readonly<Record<string, string>>, problems: Problems, now: number): Attributes {
  const tags = problems.take(parseTags(values.tags ?? '')) ?? {};
  const notBefore = problems.take(parseDate(values.notBefore ?? '', 'notBefore', now));
  const expiresOn = problems.take(parseDate(values.expiresOn ?? '', 'expiresOn', now));
  if (!problems.byField.notBefore && !problems.byField.expiresOn) problems.take(checkValidity(notBefore, expiresOn));
  return { tags, enabled: values.enabled !== 'no', notBefore, expiresOn };
}

export function buildSecret(values: Readonly<Record<string, string>>, vault: string, name: string | undefined, now: number): Built<SecretInput> {
  const problems = new Problems();
  const finalName = problems.take(checkName(name ?? values.name ?? ''));
  const value = problems.take(checkSecretValue(values.value ?? ''));
  if (values.value === '') problems.byField.value ??= 'Value is required (up to 25 KiB; several lines through $EDITOR, as its hint says).';
  const contentType = problems.take(checkContentType(values.contentType ?? ''));
  const attributes = takeAttributes(values, problems, now);
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { vault, name: finalName!, value: value!, contentType, ...attributes } };
}

export function buildSecretUpdate(values: Readonly<Record<string, string>>, version: string | undefined, now: number): Built<PropertiesUpdate> {
  const problems = new Problems();
  const contentType = problems.take(checkContentType(values.contentType ?? ''));
  const attributes = takeAttributes(values, problems, now);
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { ...attributes, contentType: contentType ?? '', version } };
}
