// :find, :expiring, :export, :az and :note through the whole explorer against the emulator.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { FROZEN_NOW, fits, startUi } from '../helpers/ui-harness.js';

const DAY = 86_400_000;
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/** Every OSC 52 payload written so far, decoded. */
function copied(t: UiHarness): string[] {
  return t
    .output()
    .split('\u001b]52;c;')
    .slice(1)
    .map((part) => Buffer.from(part.split('\u0007')[0].split('\u001b\\')[0], 'base64').toString('utf8'));
}

async function command(t: UiHarness, line: string): Promise<void> {
  await t.press(':');
  await t.type(line);
  await t.press('return');
}

describe(':find across vaults', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 100, rows: 30, emulator: { strict: true } });
    const emu = t.data.emulator;
    for (const vault of ['contoso-prod', 'contoso-payments']) {
      emu.vault(vault).store(SECRETS).create('zz-incident-db-password', { payload: { value: 'never-searched-value' }, tags: { incident: 'inc-4242' } });
    }
    emu.vault('contoso-dev').store(SECRETS).create('zz-incident-db-password', { payload: { value: 'x' } });
    // contoso-dev lets this identity read secrets but not list them.
    emu.setAccessPolicies('contoso-dev', [{ identity: 'system', permissions: { secrets: ['get'], keys: ['list', 'get'], certificates: ['list', 'get'] } }]);
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it('streams matches grouped by vault, shows the vault that refused, and never searches values', async () => {
    await command(t, 'find incident-db');
    const frame = await t.waitFor((f) => f.includes('3 of 3 vaults searched, 1 refused') && f.includes('zz-incident-db-password'), 20_000);
    assert.equal(fits(frame, 100, 30), undefined);
    assert.match(frame, /contoso-prod\s+1 · as of/);
    assert.match(frame, /contoso-dev\s+refused: .*list/);
    assert.match(frame, /contoso-payments\s+1 · as of/);
    assert.match(frame, /2 matches/);
    await command(t, 'find never-searched-value');
    await t.waitFor((f) => f.includes('Find “never-searched-value” · 0 matches') && f.includes('3 of 3 vaults searched'));
  });

  it('tag:KEY=VALUE finds by tag, and Enter opens the item in its own vault', async () => {
    await command(t, 'find tag:INCIDENT=inc-4242');
    await t.waitFor((f) => /Find “tag:INCIDENT=inc-4242” · 2 matches/.test(f), 20_000);
    await t.press('j');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('contoso-payments ▸ secrets ▸ zz-incident-db-password'), 10_000);
    assert.ok(!frame.includes('Find “'), 'the find view closed');
    assert.equal(t.data.store.getSnapshot().vaults[2].name, 'contoso-payments');
  });

  it('/ in the vaults pane starts a search; a bad query says what is allowed', async () => {
    await t.press('1');
    await t.press('/');
    await t.waitFor((f) => f.includes(':find '));
    await t.press('escape');
    await command(t, 'find tag:');
    await t.waitFor((f) => f.includes('names no tag: write tag:KEY or tag:KEY=VALUE'));
  });
});

describe(':expiring', () => {
  let t: UiHarness;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kvx-radar-'));
    t = await startUi({ columns: 120, rows: 36 });
    const secrets = t.data.emulator.vault('contoso-dev').store(SECRETS);
    const at = (days: number) => Math.floor((FROZEN_NOW + days * DAY) / 1000);
    secrets.create('zz-radar-expired', { payload: { value: 'v' }, attributes: { exp: at(-3) } });
    secrets.create('zz-radar-soon', { payload: { value: 'v' }, attributes: { exp: at(5) } });
    secrets.create('zz-radar-later', { payload: { value: 'v' }, attributes: { exp: at(20) } });
    secrets.create('zz-radar-disabled', { payload: { value: 'v' }, attributes: { exp: at(6), enabled: false } });
    // Rotated: the old version expires soon, the current one much later.
    secrets.create('zz-radar-rotated', { payload: { value: 'old' }, attributes: { exp: at(4) }, createdAt: at(-30) });
    secrets.create('zz-radar-rotated', { payload: { value: 'new' }, attributes: { exp: at(200) }, createdAt: at(-1) });
    await t.waitFor(loaded, 20_000);
  });
  after(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists what expired or expires within DAYS, soonest first, across every vault, and tells disabled items apart', async () => {
    await command(t, 'expiring 10');
    const frame = await t.waitFor((f) => f.includes('3 of 3 vaults read') && f.includes('zz-radar-soon'), 20_000);
    assert.equal(fits(frame, 120, 36), undefined);
    const lines = frame.split('\n');
    const dates = lines.map((l) => /(\d{4}-\d{2}-\d{2})/.exec(l)?.[1]).filter((d) => d !== undefined);
    assert.ok(dates.length > 5);
    assert.deepEqual(dates, [...dates].sort(), 'soonest first');
    const at = (name: string) => lines.findIndex((l) => l.includes(name));
    assert.ok(at('zz-radar-expired') < at('zz-radar-soon'), 'soonest first');
    assert.ok(!frame.includes('zz-radar-later'), 'beyond 10 days is left out');
    assert.match(lines[at('zz-radar-expired')], /expired 3d ago/);
    assert.match(lines[at('zz-radar-soon')], /in 5d/);
    await t.press('G');
    const end = await t.waitFor((f) => f.includes('zz-radar-disabled'));
    assert.match(end.split('\n').find((l) => l.includes('zz-radar-disabled'))!, /disabled/);
    // Every row is within the horizon: nothing expires later than 10 days from now.
    const rows = t.data.store.getSnapshot().vaults.flatMap((v) => [...v.collections.certificates.items, ...v.collections.secrets.items, ...v.collections.keys.items]);
    const due = rows.filter((i) => i.expiresOn && i.expiresOn.getTime() <= FROZEN_NOW + 10 * DAY).length;
    assert.match(frame, new RegExp(`Expiring within 10 days · \\d+ expired, \\d+ expiring`));
    const [, expired, expiring] = /(\d+) expired, (\d+) expiring/.exec(frame)!;
    assert.equal(Number(expired) + Number(expiring), due);
  });

  it('"versions" lists every item\'s versions and shows an old version that expires, told apart from current ones', async () => {
    await command(t, 'expiring 10');
    await t.waitFor((f) => f.includes('3 of 3 vaults read') && f.includes('zz-radar-soon'));
    assert.ok(!t.lastFrame().includes('zz-radar-rotated'), 'the current version is not due');
    await command(t, 'expiring 10 versions');
    const frame = await t.waitFor((f) => /versions of (\d+) of \1 items/.test(f), 90_000);
    assert.match(frame, /Expiring within 10 days/);
    // y copies the whole radar as Markdown: the old version is on it, marked.
    await t.press('y');
    await t.waitFor((f) => /(copied|sent) the expiry radar as Markdown/.test(f));
    const md = copied(t).at(-1)!;
    const row = md.split('\n').find((l) => l.includes('| zz-radar-rotated |'));
    assert.ok(row, 'the rotated secret is on the radar');
    assert.match(row, /\| in 4d \| old version \|/);
    assert.equal(md.split('\n').filter((l) => l.includes('| zz-radar-rotated |')).length, 1, 'only the old version: the current one is not due');
    await command(t, 'expiring ten');
    await t.waitFor((f) => f.includes(':expiring takes a whole number of days from 0 to 3650'));
  });

  it('certificates show their issuer and whether they renew by themselves', async () => {
    await command(t, 'expiring 400');
    await t.waitFor((f) => /cert\s.*(auto-renews|email only)/.test(f), 20_000);
  });

  it(':export writes CSV and Markdown without values, and keeps an existing file', async () => {
    await command(t, 'expiring 10');
    await t.waitFor((f) => f.includes('zz-radar-soon'));
    const csv = path.join(dir, 'radar.csv');
    await command(t, `export ${csv}`);
    await t.waitFor((f) => f.includes('wrote') && f.includes('radar.csv'));
    const text = readFileSync(csv, 'utf8');
    assert.match(text.split('\r\n')[0], /^vault,kind,name,version,expires,due,state,issuer,auto_renew$/);
    assert.ok(text.indexOf('zz-radar-expired') < text.indexOf('zz-radar-soon'));
    const md = path.join(dir, 'radar.md');
    await command(t, `export ${md}`);
    await t.waitFor((f) => f.includes('radar.md'));
    assert.match(readFileSync(md, 'utf8'), /\| contoso-dev \| secrets \| zz-radar-soon \|/);
    writeFileSync(path.join(dir, 'kept.csv'), 'mine');
    await command(t, `export ${path.join(dir, 'kept.csv')}`);
    await t.waitFor((f) => f.includes('exists and was kept'));
    assert.equal(readFileSync(path.join(dir, 'kept.csv'), 'utf8'), 'mine');
    await command(t, `export ${path.join(dir, 'radar.txt')}`);
    await t.waitFor((f) => f.includes('needs a file ending in .csv or .md'));
    assert.ok(!existsSync(path.join(dir, 'radar.txt')));
  });
});

describe(':az and :note', () => {
  let t: UiHarness;
  before(async () => {
    t = await startUi({ columns: 120, rows: 36, emulator: { deleteDelayMs: 0 }, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
  });
  after(() => t.stop());

  it(':az shows the command for the item shown and for each change, and y copies it', async () => {
    await command(t, 'filter acr-pull-token');
    await t.waitFor((f) => f.includes('› acr-pull-token'));
    await t.press('d');
    await t.waitFor((f) => /Delete secret acr-pull-token/i.test(f));
    await t.press('y');
    await t.data.until((s) => s.operations.some((o) => o.target === 'acr-pull-token' && o.state !== 'running'), 'the delete');
    await command(t, 'az');
    const frame = await t.waitFor((f) => f.includes('Azure CLI equivalents') && f.includes('az keyvault secret delete --vault-name contoso-prod --name acr-pull-token'));
    assert.equal(fits(frame, 120, 36), undefined);
    await t.press('G');
    await t.press('y');
    await t.waitFor((f) => /(copied|sent) the az command/.test(f));
    assert.equal(copied(t).at(-1), 'az keyvault secret delete --vault-name contoso-prod --name acr-pull-token');
    await t.press('escape');
    await t.waitFor((f) => !f.includes('Azure CLI equivalents'));
    // The operations panel copies each operation's command too.
    await t.press('o');
    await t.waitFor((f) => f.includes('y copy az command'));
    const before = copied(t).length;
    await t.press('y');
    await t.waitFor(() => copied(t).length > before);
    assert.equal(copied(t).at(-1), 'az keyvault secret delete --vault-name contoso-prod --name acr-pull-token');
    await t.press('escape');
    await t.waitFor((f) => !f.includes('y copy az command'));
  });

  it(':note copies a Markdown summary of the item and the changes, never a revealed value (canary)', async () => {
    await command(t, 'filter');
    await t.waitFor((f) => /\d+ items · /.test(f));
    const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name !== 'acr-pull-token' && /^[a-z-]+$/.test(i.name))!;
    const name = item.name;
    await command(t, `filter ${name}`);
    await t.waitFor((f) => f.includes(`› ${name}`));
    const value = await t.data.store.readSecretValue(item);
    await t.press('return');
    await t.press('v');
    await t.data.until((s) => s.revealed?.itemId === item.id, 'the reveal');
    await command(t, 'note');
    await t.waitFor((f) => /(copied|sent) the incident note/.test(f));
    const note = copied(t).at(-1)!;
    assert.match(note, new RegExp(`\\*\\*secret\\*\\* \`${name}\` in vault \`contoso-prod\``));
    assert.match(note, /\*\*Changes this session\*\*/);
    assert.match(note, /delete secret `contoso-prod\/acr-pull-token`/);
    assert.ok(value.length > 8);
    assert.ok(!note.includes(value), 'the revealed value is not in the note');
  });
});
