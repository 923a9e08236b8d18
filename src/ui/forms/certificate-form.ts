// The certificate forms: create with a self-signed policy, import a PEM/PFX file, download
// the public certificate, and edit enabled/tags.
import type { CertificateImportInput, CertificateInput, DownloadRequest, PropertiesUpdate } from '../../store/mutations/inputs.js';
import { checkCertificateFormat, checkDnsNames, checkKeyShape, checkName, checkSubject, checkValidityMonths, parseTags } from '../../store/validate-input.js';
import type { Built } from './form-checks.js';
import { Problems } from './form-checks.js';
import type { FieldSpec } from './form-model.js';

export const certificateCreateFields: readonly FieldSpec[] = [
  { id: 'name', label: 'name', kind: 'text', hint: '1–127 of a-z A-Z 0-9 -' },
  { id: 'subject', label: 'subject', kind: 'text', hint: 'CN=app.contoso.com[, O=…]' },
  { id: 'dnsNames', label: 'DNS names', kind: 'text', hint: 'a.contoso.com, *.contoso.com' },
  { id: 'validity', label: 'validity (months)', kind: 'text', hint: '1–1200' },
  { id: 'keyType', label: 'key type', kind: 'choice', options: ['RSA', 'EC'] },
  { id: 'size', label: 'size / curve', kind: 'text', hint: 'RSA 2048|3072|4096, EC P-256|P-384|P-521' },
  { id: 'format', label: 'content type', kind: 'choice', options: ['PEM', 'PFX'] },
  { id: 'tags', label: 'tags', kind: 'text', hint: 'name=value, …' },
  { id: 'enabled', label: 'enabled', kind: 'toggle' },
];

export const certificateImportFields: readonly FieldSpec[] = [
  { id: 'name', label: 'name', kind: 'text', hint: '1–127 of a-z A-Z 0-9 -' },
  { id: 'file', label: 'file', kind: 'text', hint: 'path of a .pem (cert + key) or .pfx' },
  { id: 'password', label: 'PFX password', kind: 'secret' },
  { id: 'tags', label: 'tags', kind: 'text', hint: 'name=value, …' },
  { id: 'enabled', label: 'enabled', kind: 'toggle' },
];

export const certificateDownloadFields: readonly FieldSpec[] = [
  { id: 'path', label: 'save to', kind: 'text', hint: 'file path; an existing file is kept' },
  { id: 'format', label: 'format', kind: 'choice', options: ['pem', 'der'] },
];

export const certificateEditFields: readonly FieldSpec[] = [
  { id: 'tags', label: 'tags', kind: 'text', hint: 'name=value, … (at most 15)' },
  { id: 'enabled', label: 'enabled', kind: 'toggle' },
];

export function buildCertificate(values: Readonly<Record<string, string>>, vault: string): Built<CertificateInput> {
  const problems = new Problems();
  const name = problems.take(checkName(values.name ?? ''));
  const subject = problems.take(checkSubject(values.subject ?? ''));
  const dnsNames = problems.take(checkDnsNames(values.dnsNames ?? ''));
  const months = problems.take(checkValidityMonths(values.validity ?? ''));
  const keyType = values.keyType === 'EC' ? 'EC' : 'RSA';
  const shape = problems.take(checkKeyShape(keyType, values.size ?? ''));
  if (shape?.curve === 'P-256K') problems.byField.size ??= 'Certificates take P-256, P-384 or P-521.';
  const format = problems.take(checkCertificateFormat(values.format ?? ''));
  const tags = problems.take(parseTags(values.tags ?? ''));
  if (problems.any) return { ok: false, problems: problems.byField };
  return {
    ok: true,
    input: { vault, name: name!, subject: subject!, dnsNames: dnsNames!, validityInMonths: months!, keyType, keySize: shape!.keySize, curve: shape!.curve, format: format!, tags, enabled: values.enabled !== 'no' },
  };
}

export function buildCertificateImport(values: Readonly<Record<string, string>>, vault: string): Built<CertificateImportInput> {
  const problems = new Problems();
  const name = problems.take(checkName(values.name ?? ''));
  const tags = problems.take(parseTags(values.tags ?? ''));
  if ((values.file ?? '').trim() === '') problems.byField.file = 'File is required: the path of a .pem or .pfx file.';
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { vault, name: name!, file: values.file.trim(), password: values.password || undefined, tags, enabled: values.enabled !== 'no' } };
}

export function buildDownload(values: Readonly<Record<string, string>>, version: string | undefined): Built<DownloadRequest> {
  if ((values.path ?? '').trim() === '') return { ok: false, problems: { path: 'A file path is required.' } };
  return { ok: true, input: { path: values.path.trim(), format: values.format === 'der' ? 'der' : 'pem', version } };
}

export function buildCertificateUpdate(values: Readonly<Record<string, string>>, version: string | undefined): Built<PropertiesUpdate> {
  const problems = new Problems();
  const tags = problems.take(parseTags(values.tags ?? ''));
  if (problems.any) return { ok: false, problems: problems.byField };
  return { ok: true, input: { tags, enabled: values.enabled !== 'no', version } };
}
