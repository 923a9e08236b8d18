import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RadarSource } from '../../src/store/expiry-radar.js';
import { csvField, dueText, radarCsv, radarMarkdown, radarRows } from '../../src/store/expiry-radar.js';
import type { ItemSummary } from '../../src/store/types.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const item = (name: string, days: number | undefined, extra: Partial<ItemSummary> = {}): ItemSummary => ({
  kind: 'secrets',
  id: `https://v.vault.azure.net/secrets/${name}`,
  name,
  vaultUrl: 'https://v.vault.azure.net',
  tags: {},
  ...(days === undefined ? {} : { expiresOn: new Date(NOW + days * DAY) }),
  ...extra,
});
const src = (i: ItemSummary, vaultName = 'v', current = true): RadarSource => ({ vaultName, item: i, current });

describe('radarRows', () => {
  it('keeps the expired and those due within DAYS, soonest first; no expiry or later is left out', () => {
    const rows = radarRows([src(item('later', 40)), src(item('soon', 3)), src(item('none', undefined)), src(item('gone', -2)), src(item('edge', 30))], 30, NOW);
    assert.deepEqual(rows.map((r) => r.name), ['gone', 'soon', 'edge']);
    assert.deepEqual(rows.map((r) => dueText(r)), ['expired 2d ago', 'in 3d', 'in 30d']);
  });

  it('ties sort by vault, kind and name; a current version before an old one; disabled and old versions are marked', () => {
    const rows = radarRows([src(item('b', 5), 'z'), src(item('a', 5), 'z'), src(item('a', 5), 'a', false), src(item('a', 5, { enabled: false }), 'a')], 30, NOW);
    assert.deepEqual(rows.map((r) => `${r.vaultName}/${r.name}/${r.current ? 'cur' : 'old'}/${r.enabled ? 'on' : 'off'}`), ['a/a/cur/off', 'a/a/old/on', 'z/a/cur/on', 'z/b/cur/on']);
  });

  it('0 days keeps only what has expired', () => {
    assert.deepEqual(radarRows([src(item('x', 1)), src(item('y', -1))], 0, NOW).map((r) => r.name), ['y']);
  });
});

describe('radar export', () => {
  it('CSV: RFC 4180 quoting, control characters escaped, formulas from vault names neutralised', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('evil\u001b[2J'), 'evil\\e[2J');
    const csv = radarCsv(radarRows([src(item('=cmd', 1))], 30, NOW));
    assert.match(csv, /^vault,kind,name,version,expires,due,state,issuer,auto_renew\r\nv,secrets,'=cmd,,2026-12-01T00:00:00\.000Z,in 1d,,,\r\n$/);
  });

  it('Markdown: a table with pipes escaped, or a sentence when nothing is due', () => {
    const md = radarMarkdown(radarRows([src(item('a|b', 1))], 7, NOW), 7, NOW);
    assert.match(md, /\| v \| secrets \| a\\\|b \|/);
    assert.match(radarMarkdown([], 7, NOW), /Nothing expires within 7 days/);
  });
});
