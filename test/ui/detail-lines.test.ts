import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemDetails } from '../../src/store/types.js';
import { certificateLines } from '../../src/ui/certificate-details.js';
import { keyLines } from '../../src/ui/key-details.js';
import { secretLines } from '../../src/ui/secret-details.js';
import type { DetailLine } from '../../src/ui/detail-lines.js';
import { LABEL_WIDTH, wrapLines } from '../../src/ui/detail-lines.js';

const now = Date.UTC(2025, 5, 2);
const base: ItemDetails = {
  kind: 'secrets',
  id: 'https://v.vault.azure.net/secrets/db',
  name: 'db',
  vaultUrl: 'https://v.vault.azure.net',
  version: 'abc',
  enabled: true,
  expiresOn: new Date(now - 86_400_000),
  tags: { 'team\u001b[31m': 'core' },
  recoveryLevel: 'Recoverable+Purgeable',
  recoverableDays: 90,
};
const text = (lines: DetailLine[]) => lines.map((l) => (l.kind === 'field' ? `${l.label}: ${l.value}` : l.kind === 'heading' ? `# ${l.text}` : l.text)).join('\n');

test('secret details hide the value until revealed, then show it escaped with a countdown', () => {
  assert.match(text(secretLines(base, undefined, { now, width: 60 })), /hidden · v reveals/);
  const shown = text(secretLines(base, { itemId: base.id, version: 'abc', value: 'p@ss\u001b]52;c;x\u0007', hideAt: now + 30_000 }, { now, width: 60 }));
  assert.match(shown, /hidden again in 30s/);
  assert.ok(shown.includes('p@ss\\e]52;c;x\\u{7}'));
  assert.ok(!shown.includes('\u001b'));
  // Tags from the vault are escaped too; an expired item's expiry is in the error tone.
  assert.ok(text(secretLines(base, undefined, { now, width: 60 })).includes('team\\e[31m: core'));
  const expires = secretLines(base, undefined, { now, width: 60 }).find((l) => l.kind === 'field' && l.label === 'expires');
  assert.equal(expires?.kind === 'field' ? expires.tone : undefined, 'error');
});

test('a value revealed for another version is not shown', () => {
  const lines = text(secretLines(base, { itemId: base.id, version: 'old', value: 'x', hideAt: now + 30_000 }, { now, width: 60 }));
  assert.match(lines, /v reveals/);
});

test('key details show type, size, operations and the PEM', () => {
  const key: ItemDetails = { ...base, kind: 'keys', key: { keyType: 'RSA', keySize: 2048, keyOps: ['sign', 'verify'], publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----' } };
  const out = text(keyLines(key, { now, width: 60 }));
  assert.match(out, /type: RSA/);
  assert.match(out, /size: 2048 bits/);
  assert.match(out, /operations: sign, verify/);
  assert.match(out, /-----BEGIN PUBLIC KEY-----/);
});

test('certificate details show subject, SANs, thumbprints, usages and the policy', () => {
  const cert: ItemDetails = {
    ...base,
    kind: 'certificates',
    certificate: {
      subject: 'CN=api.contoso.com',
      issuer: 'CN=Contoso CA',
      sans: ['DNS:api.contoso.com', 'DNS:www.contoso.com'],
      serialNumber: '01AB',
      thumbprintSha1: 'AA',
      thumbprintSha256: 'BB',
      validTo: new Date(now + 10 * 86_400_000),
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['serverAuth'],
      policy: [['issuer', 'Self']],
    },
  };
  const lines = certificateLines(cert, { now, width: 60 });
  const out = text(lines);
  for (const want of ['subject: CN=api.contoso.com', 'SANs: DNS:api.contoso.com', ': DNS:www.contoso.com', 'SHA-1: AA', 'SHA-256: BB', 'key usage: digitalSignature', 'EKUs: serverAuth', 'issuer: Self']) {
    assert.ok(out.includes(want), want);
  }
  const validTo = lines.find((l) => l.kind === 'field' && l.label === 'valid to');
  assert.equal(validTo?.kind === 'field' ? validTo.tone : undefined, 'warning');
});

test('long values wrap under their label instead of running off the pane', () => {
  const lines = wrapLines([{ kind: 'field', label: 'SHA-256', value: 'A'.repeat(64) }], 40);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.kind === 'field' && l.value.length <= 26));
});

test('values with spaces break between words, not inside one', () => {
  const lines = wrapLines([{ kind: 'field', label: 'created', value: '2025-04-28 09:30 UTC (35d ago)' }], 40);
  assert.deepEqual(
    lines.map((l) => (l.kind === 'field' ? l.value : '')),
    ['2025-04-28 09:30 UTC (35d', 'ago)'],
  );
});

test('a certificate\'s issuer is not labelled "content type"', () => {
  const cert: ItemDetails = { ...base, kind: 'certificates', id: 'https://v.vault.azure.net/certificates/web', name: 'web', issuer: 'Self', tags: {} };
  const shown = text(certificateLines(cert, { now, width: 60 }));
  assert.doesNotMatch(shown, /content type/);
  const secret = text(secretLines({ ...base, contentType: 'password' }, undefined, { now, width: 60 }));
  assert.match(secret, /content type: password/);
});

test('tag names longer than the label column go whole on their own line, the value below, never run together', () => {
  const item: ItemDetails = { ...base, tags: { 'rotation-days': '30', 'fourteen-chars': '30', [`${'long-tag-name-'.repeat(6)}end`]: 'prod' } };
  const lines = wrapLines(secretLines(item, undefined, { now, width: 40 }), 40);
  const at = (label: string) => lines.findIndex((l) => l.kind === 'text' && l.text === label);
  // 13 characters still fit beside the value, with a space between.
  assert.ok(lines.some((l) => l.kind === 'field' && l.label === 'rotation-days' && l.value === '30'));
  const i = at('fourteen-chars');
  assert.ok(i >= 0, 'a 14-character name has its own line');
  assert.deepEqual(lines[i + 1], { kind: 'field', label: '', value: '30', tone: undefined });
  const long = `${'long-tag-name-'.repeat(6)}end`;
  const first = lines.findIndex((l) => l.kind === 'text' && long.startsWith(l.text) && l.text.length > 20);
  assert.ok(first >= 0);
  const pieces: string[] = [];
  let j = first;
  while (lines[j].kind === 'text') pieces.push((lines[j++] as { text: string }).text);
  assert.equal(pieces.join(''), long, 'the whole name is shown');
  assert.deepEqual(lines[j], { kind: 'field', label: '', value: 'prod', tone: undefined });
  for (const l of lines) if (l.kind === 'field') assert.ok(l.label.length <= LABEL_WIDTH - 2, `label "${l.label}" fits with a space before the value`);
});
