// Checks what people type before anything is sent: names, values, tags, dates, key and
// certificate options. Every check answers with what is wrong and what is allowed, so a form
// can show it beside the field and keep what was typed. Pure: no SDK, no I/O (files are
// checked in mutations/certificate-files.ts).

import { distinguishedNameProblem } from '../text/distinguished-name.js';
import { escapeControl } from '../text/escape-control.js';

/** Key Vault object names: 1–127 of 0-9, a-z, A-Z and '-'. */
const NAME = /^[0-9a-zA-Z-]{1,127}$/;
export const MAX_VALUE_BYTES = 25 * 1024;
export const MAX_TAGS = 15;
export const MAX_TAG_NAME = 512;
export const MAX_TAG_VALUE = 256;
export const MAX_CONTENT_TYPE = 255;
/**
 * The secrets client writes `nbf`/`exp` as 32-bit seconds, so 2038-01-19T03:14:07Z is the
 * last moment it can send; anything later wraps around to 1901.
 */
export const LATEST_DATE = new Date(2 ** 31 * 1000 - 1000);

export const RSA_KEY_SIZES = [2048, 3072, 4096] as const;
export const OCT_KEY_SIZES = [128, 192, 256] as const;
export const EC_CURVES = ['P-256', 'P-384', 'P-521', 'P-256K'] as const;
export const KEY_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import'] as const;
export const KEY_TYPES = ['RSA', 'EC', 'oct-HSM'] as const;
export type NewKeyType = (typeof KEY_TYPES)[number];

/** A field's problem; `field` names the form field it belongs to. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(field: string, message: string): Checked<T> => ({ ok: false, problem: { field, message } });

/** Shows user text inside a message without letting it run on or carry control characters. */
function quote(text: string, max = 40): string {
  // Escaped, so a zero-width or bidi character in a name is seen for what it is (⟨U+200B⟩).
  const clean = escapeControl(text);
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`;
}

export function checkName(name: string, field = 'name'): Checked<string> {
  if (name.length === 0) return bad(field, 'Name is required: 1 to 127 letters, digits and "-".');
  if (name.length > 127) return bad(field, `Name is ${name.length} characters long; at most 127 letters, digits and "-" are allowed.`);
  if (!NAME.test(name)) {
    const wrong = [...new Set([...name].filter((c) => !/[0-9a-zA-Z-]/.test(c)))].slice(0, 5);
    return bad(field, `Name ${quote(name)} contains ${wrong.map((c) => quote(c)).join(', ')}; only letters, digits and "-" are allowed.`);
  }
  return ok(name);
}

export function checkSecretValue(value: string, field = 'value'): Checked<string> {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    return bad(field, `Value is ${formatBytes(bytes)} in UTF-8; a secret value can be at most 25 KiB (${MAX_VALUE_BYTES} bytes).`);
  }
  return ok(value);
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
}

export function checkContentType(value: string, field = 'contentType'): Checked<string | undefined> {
  const trimmed = value.trim();
  if (trimmed === '') return ok(undefined);
  if (trimmed.length > MAX_CONTENT_TYPE) return bad(field, `Content type is ${trimmed.length} characters; at most ${MAX_CONTENT_TYPE} are allowed.`);
  return ok(trimmed);
}

/**
 * Tags as typed in a form: `name=value` pairs separated by commas or new lines
 * (`env=prod, owner=team-a`). A value may be empty (`temporary=`); a name may not.
 */
export function parseTags(text: string, field = 'tags'): Checked<Record<string, string>> {
  const tags: Record<string, string> = {};
  const parts = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return bad(field, `Tag ${quote(part)} has no "="; write tags as name=value, separated by commas.`);
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === '') return bad(field, `Tag ${quote(part)} has no name; write tags as name=value.`);
    if (Object.hasOwn(tags, name)) return bad(field, `Tag ${quote(name)} is given twice; each tag name may appear once.`);
    tags[name] = value;
  }
  return checkTags(tags, field);
}

export function checkTags(tags: Readonly<Record<string, string>>, field = 'tags'): Checked<Record<string, string>> {
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) return bad(field, `${entries.length} tags given; at most ${MAX_TAGS} are allowed.`);
  for (const [name, value] of entries) {
    if (name.length > MAX_TAG_NAME) return bad(field, `Tag name ${quote(name)} is ${name.length} characters; at most ${MAX_TAG_NAME} are allowed.`);
    if (value.length > MAX_TAG_VALUE) return bad(field, `Tag ${quote(name)} has a value of ${value.length} characters; at most ${MAX_TAG_VALUE} are allowed.`);
  }
  return ok({ ...tags });
}

/** Tags back to the form's text: `a=1, b=2`. */
export function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const DATE_HELP = 'use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], or a time from now like +30d, +12h, +2w, +1y';
const RELATIVE = /^\+(\d{1,5})\s*([hdwy])$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A date as typed: empty means "not set". Absolute dates without a zone are UTC (the vault
 * stores UTC; the form says so). Refuses dates the secrets client cannot send (after 2038-01-19).
 */
export function parseDate(text: string, field: string, now: number = Date.now()): Checked<Date | undefined> {
  const t = text.trim();
  if (t === '') return ok(undefined);
  let date: Date | undefined;
  const rel = RELATIVE.exec(t);
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2].toLowerCase();
    const d = new Date(now);
    if (unit === 'h') d.setTime(now + n * 3_600_000);
    else if (unit === 'd') d.setTime(now + n * 86_400_000);
    else if (unit === 'w') d.setTime(now + n * 7 * 86_400_000);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
    date = d;
  } else {
    const m = ISO.exec(t);
    if (!m) return bad(field, `${quote(t)} is not a date; ${DATE_HELP}.`);
    const [, y, mo, da, h = '00', mi = '00', s = '00', zone = 'Z'] = m;
    date = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}${zone}`);
    // Date accepts 2024-02-30 (rolls over); insist the day exists.
    const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(da)));
    if (Number.isNaN(date.getTime()) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(da) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
      return bad(field, `${quote(t)} is not a real date or time; ${DATE_HELP}.`);
    }
  }
  if (date.getTime() > LATEST_DATE.getTime()) {
    return bad(field, `${quote(t)} is after 2038-01-19T03:14:07Z, the latest date the Key Vault client can send; choose an earlier date.`);
  }
  if (date.getTime() < 0) return bad(field, `${quote(t)} is before 1970; choose a later date.`);
  return ok(date);
}

/** Both optional; when both are set the item must become valid before it expires. */
export function checkValidity(notBefore: Date | undefined, expiresOn: Date | undefined): Checked<{ notBefore?: Date; expiresOn?: Date }> {
  if (notBefore && expiresOn && notBefore.getTime() >= expiresOn.getTime()) {
    return bad('expiresOn', `Expiry ${expiresOn.toISOString()} is not after not-before ${notBefore.toISOString()}; the expiry must come later.`);
  }
  return ok({ notBefore, expiresOn });
}

/** A date back to the form's text (UTC, minutes). */
export function formatDate(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 16)}Z` : '';
}

export function checkKeyOps(text: string, field = 'keyOps'): Checked<string[] | undefined> {
  const ops = text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter((o) => o !== '');
  if (ops.length === 0) return ok(undefined);
  for (const op of ops) {
    if (!(KEY_OPS as readonly string[]).includes(op)) return bad(field, `Key operation ${quote(op)} is unknown; allowed: ${KEY_OPS.join(', ')}.`);
  }
  return ok([...new Set(ops)]);
}

export interface KeyShape {
  keyType: NewKeyType;
  keySize?: number;
  curve?: string;
}

/** Key type with its size (RSA, oct-HSM) or curve (EC); an empty size or curve takes the default. */
export function checkKeyShape(keyType: string, sizeOrCurve: string): Checked<KeyShape> {
  const choice = sizeOrCurve.trim();
  if (keyType === 'RSA') {
    if (choice === '') return ok({ keyType, keySize: 2048 });
    const size = Number(choice);
    if (!(RSA_KEY_SIZES as readonly number[]).includes(size)) return bad('keySize', `RSA key size ${quote(choice)} is not allowed; choose ${RSA_KEY_SIZES.join(', ')}.`);
    return ok({ keyType, keySize: size });
  }
  if (keyType === 'oct-HSM') {
    if (choice === '') return ok({ keyType, keySize: 256 });
    const size = Number(choice);
    if (!(OCT_KEY_SIZES as readonly number[]).includes(size)) return bad('keySize', `oct-HSM key size ${quote(choice)} is not allowed; choose ${OCT_KEY_SIZES.join(', ')}.`);
    return ok({ keyType, keySize: size });
  }
  if (keyType === 'EC') {
    if (choice === '') return ok({ keyType, curve: 'P-256' });
    const curve = EC_CURVES.find((c) => c.toLowerCase() === choice.toLowerCase());
    if (!curve) return bad('curve', `Curve ${quote(choice)} is not allowed; choose ${EC_CURVES.join(', ')}.`);
    return ok({ keyType, curve });
  }
  return bad('keyType', `Key type ${quote(keyType)} is not allowed; choose ${KEY_TYPES.join(', ')}.`);
}

/** `CN=host, O=Org`: comma-separated attribute=value pairs, CN required. */
export function checkSubject(text: string, field = 'subject'): Checked<string> {
  const t = text.trim();
  if (t === '') return bad(field, 'Subject is required, e.g. CN=app.contoso.com');
  const parts = t.split(',').map((p) => p.trim());
  for (const part of parts) {
    if (!/^[A-Za-z][A-Za-z0-9.]*=.+$/.test(part)) return bad(field, `Subject part ${quote(part)} is not attribute=value; write e.g. CN=app.contoso.com, O=Contoso.`);
  }
  if (!parts.some((p) => /^CN=/i.test(p))) return bad(field, 'Subject needs a common name (CN=…), e.g. CN=app.contoso.com.');
  // The same X.500 grammar the service (and the emulator) apply: `CN=x;junk`, an unterminated quote…
  const problem = distinguishedNameProblem(t);
  if (problem) return bad(field, `Subject ${quote(t)} is not a valid X.500 name: ${problem}`);
  return ok(parts.join(', '));
}

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** DNS names separated by commas or spaces; `*.` is allowed as the first label. */
export function checkDnsNames(text: string, field = 'dnsNames'): Checked<string[]> {
  const names = text
    .split(/[\s,]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length > 100) return bad(field, `${names.length} DNS names given; at most 100 are allowed.`);
  for (const name of names) {
    const labels = name.split('.');
    const valid =
      name.length <= 253 && labels.every((label, i) => (i === 0 && label === '*' && labels.length > 2) || DNS_LABEL.test(label));
    if (!valid) return bad(field, `${quote(name)} is not a DNS name; use labels of letters, digits and "-" separated by dots (a leading "*." is allowed).`);
  }
  return ok([...new Set(names)]);
}

export function checkValidityMonths(text: string, field = 'validityMonths'): Checked<number> {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isInteger(n) || n < 1 || n > 1200) return bad(field, `Validity ${quote(t)} is not allowed; give whole months from 1 to 1200.`);
  return ok(n);
}

export const CERTIFICATE_CONTENT_TYPES = { PEM: 'application/x-pem-file', PFX: 'application/x-pkcs12' } as const;
export type CertificateFormat = keyof typeof CERTIFICATE_CONTENT_TYPES;

export function checkCertificateFormat(text: string, field = 'contentType'): Checked<CertificateFormat> {
  const t = text.trim().toUpperCase();
  if (t === 'PEM' || t === 'PFX') return ok(t);
  return bad(field, `Format ${quote(text)} is not allowed; choose PEM or PFX.`);
}
