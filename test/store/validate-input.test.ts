import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LATEST_DATE,
  checkDnsNames,
  checkKeyOps,
  checkKeyShape,
  checkName,
  checkSecretValue,
  checkSubject,
  checkValidity,
  checkValidityMonths,
  checkCertificateFormat,
  formatDate,
  formatTags,
  parseDate,
  parseTags,
} from '../../src/store/validate-input.js';

function problem<T>(checked: { ok: true; value: T } | { ok: false; problem: { field: string; message: string } }) {
  assert.equal(checked.ok, false, 'expected a problem');
  return (checked as { ok: false; problem: { field: string; message: string } }).problem;
}

describe('names', () => {
  it('accepts 1–127 letters, digits and dashes', () => {
    assert.deepEqual(checkName('a'), { ok: true, value: 'a' });
    assert.equal(checkName('db-Password-2').ok, true);
    assert.equal(checkName('x'.repeat(127)).ok, true);
  });
  it('says which characters are wrong and what is allowed', () => {
    const p = problem(checkName('db_password!'));
    assert.equal(p.field, 'name');
    assert.match(p.message, /"_", "!"; only letters, digits and "-" are allowed/);
  });
  it('refuses empty and too long names with the limits', () => {
    assert.match(problem(checkName('')).message, /required: 1 to 127/);
    assert.match(problem(checkName('x'.repeat(128))).message, /128 characters long; at most 127/);
  });
  it('does not echo control characters from the input', () => {
    const p = problem(checkName('a\u001b[31mb'));
    assert.ok(!p.message.includes('\u001b'));
  });
  it('shows an invisible character in a name as ⟨U+200B⟩, so the user sees which one is wrong', () => {
    const p = problem(checkName('pa\u200bssword'));
    assert.match(p.message, /Name "pa⟨U\+200B⟩ssword" contains "⟨U\+200B⟩"; only letters/);
    assert.ok(!p.message.includes('\u200b'));
  });
});

describe('secret values', () => {
  it('counts UTF-8 bytes against the 25 KiB limit', () => {
    assert.equal(checkSecretValue('x'.repeat(25 * 1024)).ok, true);
    assert.match(problem(checkSecretValue('x'.repeat(25 * 1024 + 1))).message, /at most 25 KiB \(25600 bytes\)/);
    // 9000 three-byte characters are 27000 bytes although only 9000 characters.
    assert.match(problem(checkSecretValue('€'.repeat(9000))).message, /27000 bytes/);
  });
});

describe('tags', () => {
  it('parses name=value pairs separated by commas or lines', () => {
    assert.deepEqual(parseTags('env=prod, owner = team-a\nempty='), { ok: true, value: { env: 'prod', owner: 'team-a', empty: '' } });
    assert.deepEqual(parseTags('  '), { ok: true, value: {} });
  });
  it('refuses pairs without "=", without a name, or given twice', () => {
    assert.match(problem(parseTags('env')).message, /no "="; write tags as name=value/);
    assert.match(problem(parseTags('=x')).message, /no name/);
    assert.match(problem(parseTags('a=1,a=2')).message, /given twice/);
  });
  it('allows at most 15 tags', () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => `t${i}=v`).join(',');
    assert.match(problem(parseTags(sixteen)).message, /16 tags given; at most 15/);
  });
  it('limits tag names to 512 and values to 256 characters', () => {
    assert.match(problem(parseTags(`${'n'.repeat(513)}=v`)).message, /at most 512/);
    assert.match(problem(parseTags(`n=${'v'.repeat(257)}`)).message, /at most 256/);
  });
  it('formats tags back to the text it parses', () => {
    const tags = { a: '1', b: '' };
    assert.deepEqual(parseTags(formatTags(tags)), { ok: true, value: tags });
  });
});

describe('dates', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it('reads dates, date-times with zones, and times from now', () => {
    assert.equal((parseDate('2026-01-31', 'expiresOn', now) as { value: Date }).value.toISOString(), '2026-01-31T00:00:00.000Z');
    assert.equal((parseDate('2026-01-31T10:30+02:00', 'expiresOn', now) as { value: Date }).value.toISOString(), '2026-01-31T08:30:00.000Z');
    assert.equal((parseDate('+30d', 'expiresOn', now) as { value: Date }).value.toISOString(), '2025-03-31T12:00:00.000Z');
    assert.equal((parseDate('+1y', 'expiresOn', now) as { value: Date }).value.toISOString(), '2026-03-01T12:00:00.000Z');
    assert.deepEqual(parseDate('', 'expiresOn', now), { ok: true, value: undefined });
  });
  it('refuses text that is not a date and days that do not exist, saying what is allowed', () => {
    const p = problem(parseDate('next tuesday', 'notBefore', now));
    assert.equal(p.field, 'notBefore');
    assert.match(p.message, /not a date; use YYYY-MM-DD/);
    assert.match(problem(parseDate('2025-02-30', 'notBefore', now)).message, /not a real date/);
  });
  it('refuses dates after 2038-01-19, which the secrets client cannot send', () => {
    assert.equal(parseDate('2038-01-19T03:14:07Z', 'expiresOn', now).ok, true);
    assert.match(problem(parseDate('2038-01-20', 'expiresOn', now)).message, /after 2038-01-19T03:14:07Z/);
    assert.equal(LATEST_DATE.toISOString(), '2038-01-19T03:14:07.000Z');
  });
  it('needs not-before to come before expiry', () => {
    const a = new Date('2026-01-01T00:00:00Z');
    const b = new Date('2025-01-01T00:00:00Z');
    const p = problem(checkValidity(a, b));
    assert.equal(p.field, 'expiresOn');
    assert.match(p.message, /not after not-before/);
    assert.equal(checkValidity(b, a).ok, true);
    assert.equal(checkValidity(undefined, a).ok, true);
  });
  it('formats a date as UTC minutes the parser reads back', () => {
    const d = new Date('2027-05-06T07:08:00Z');
    assert.equal(formatDate(d), '2027-05-06T07:08Z');
    assert.equal((parseDate(formatDate(d), 'x') as { value: Date }).value.getTime(), d.getTime());
  });
});

describe('keys', () => {
  it('takes RSA sizes, EC curves and oct-HSM sizes, with defaults', () => {
    assert.deepEqual(checkKeyShape('RSA', ''), { ok: true, value: { keyType: 'RSA', keySize: 2048 } });
    assert.deepEqual(checkKeyShape('RSA', '4096'), { ok: true, value: { keyType: 'RSA', keySize: 4096 } });
    assert.deepEqual(checkKeyShape('EC', 'p-384'), { ok: true, value: { keyType: 'EC', curve: 'P-384' } });
    assert.deepEqual(checkKeyShape('oct-HSM', '128'), { ok: true, value: { keyType: 'oct-HSM', keySize: 128 } });
  });
  it('says which sizes and curves are allowed', () => {
    assert.match(problem(checkKeyShape('RSA', '1024')).message, /choose 2048, 3072, 4096/);
    assert.match(problem(checkKeyShape('EC', 'P-999')).message, /choose P-256, P-384, P-521, P-256K/);
    assert.match(problem(checkKeyShape('DSA', '')).message, /choose RSA, EC, oct-HSM/);
  });
  it('checks key operations', () => {
    assert.deepEqual(checkKeyOps('sign, verify sign'), { ok: true, value: ['sign', 'verify'] });
    assert.deepEqual(checkKeyOps(''), { ok: true, value: undefined });
    assert.match(problem(checkKeyOps('sign, fly')).message, /"fly" is unknown; allowed: encrypt, decrypt/);
  });
});

describe('certificate policy fields', () => {
  it('needs a subject with a CN', () => {
    assert.deepEqual(checkSubject('CN=app.contoso.com,O=Contoso'), { ok: true, value: 'CN=app.contoso.com, O=Contoso' });
    assert.match(problem(checkSubject('O=Contoso')).message, /needs a common name/);
    assert.match(problem(checkSubject('app.contoso.com')).message, /not attribute=value/);
  });
  it('refuses a subject the service would refuse (the emulator\'s X.500 grammar) before anything is sent', () => {
    assert.match(problem(checkSubject('CN=x;junk')).message, /not a valid X\.500 name/);
    assert.match(problem(checkSubject('CN="unterminated')).message, /not a valid X\.500 name/);
  });
  it('checks DNS names, allowing a leading wildcard', () => {
    assert.deepEqual(checkDnsNames('a.contoso.com, *.contoso.com'), { ok: true, value: ['a.contoso.com', '*.contoso.com'] });
    assert.match(problem(checkDnsNames('bad_name.com')).message, /not a DNS name/);
    assert.match(problem(checkDnsNames('*.com')).message, /not a DNS name/);
  });
  it('checks validity months and the PEM/PFX choice', () => {
    assert.deepEqual(checkValidityMonths('12'), { ok: true, value: 12 });
    assert.match(problem(checkValidityMonths('0')).message, /1 to 1200/);
    assert.deepEqual(checkCertificateFormat('pfx'), { ok: true, value: 'PFX' });
    assert.match(problem(checkCertificateFormat('DER')).message, /choose PEM or PFX/);
  });
});
