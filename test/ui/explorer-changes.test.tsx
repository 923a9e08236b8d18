// Changes through the whole explorer against the emulator (keys in, frames out): forms,
// confirmations, the operations panel following each operation to its end, cancel, chained
// delete-then-purge, a 409 explained, read-only refusals and copy. Each test has its own
// explorer and emulator; where a test must act while an operation runs, an emulator gate
// holds the operation until the test releases it (no delay to beat).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Harness } from '../helpers/render-harness.js';
import { stripAnsi } from '../helpers/render-harness.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { fits, startUi } from '../helpers/ui-harness.js';

const FAST = { deleteDelayMs: 150, purgeDelayMs: 150, certificateIssueDelayMs: 0 };
const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/** Filters the list to one name and waits until it is the selected row. */
async function select(t: Harness, name: string): Promise<void> {
  await t.press(':');
  await t.type(`filter ${name}`);
  await t.press('return');
  await t.waitFor((f) => f.includes(`› ${name}`) && f.includes(`/${name}`), 10_000);
}

/** The states an operation line went through, in the order the frames showed them. */
function statesSeen(t: Harness, line: string, states: readonly string[]): string[] {
  const seen: string[] = [];
  for (const frame of t.frames.map(stripAnsi)) {
    for (const s of states) {
      if (frame.includes(`${line}  ${s} `) && seen.at(-1) !== s) seen.push(s);
    }
  }
  return seen;
}

/** Runs `body` on a fresh explorer (120x36, demo seed) with its own emulator. */
async function withUi(body: (t: UiHarness) => Promise<void>): Promise<void> {
  const t = await startUi({ columns: 120, rows: 36, emulator: FAST, store: { operationIntervalMs: 10 } });
  try {
    await t.waitFor(loaded, 20_000);
    await body(t);
  } finally {
    await t.stop();
  }
}

/** Creates a secret through the store and waits until the list shows it. */
async function createSecret(t: UiHarness, name: string): Promise<void> {
  const url = t.data.emulator.vaults[0].url;
  const id = t.data.store.createSecret({ vault: url, name, value: 'x' });
  await t.data.until((s) => s.operations.find((o) => o.id === id)?.state === 'succeeded', `the create of ${name}`);
  await t.data.until((s) => s.vaults[0].collections.secrets.items.some((i) => i.name === name), `the list to show ${name}`);
}

describe('changes through the explorer', () => {
  it('n creates a secret, N adds a version, e edits its tags; each shows in the operations panel', () => withUi(async (t) => {
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('ops-token');
    await t.press('tab');
    await t.type('first-value');
    await t.press('return');
    await t.waitFor((f) => f.includes('✓ create secret contoso-prod/ops-token  succeeded') || /✓ create secret contoso-prod\/ops-token/.test(f), 10_000);
    await select(t, 'ops-token');
    await t.press('N');
    await t.waitFor((f) => f.includes('New version of secret ops-token'));
    await t.type('second-value');
    await t.press('return');
    await t.data.until((s) => s.operations.filter((o) => o.target === 'ops-token' && o.state === 'succeeded').length === 2, 'the new version');
    await t.press('e');
    await t.waitFor((f) => f.includes('Edit secret ops-token'));
    await t.press('tab');
    await t.type('team=ops');
    await t.press('return');
    await t.waitFor((f) => /✓ update secret contoso-prod\/ops-token/.test(f), 10_000);
    const url = t.data.emulator.vaults[0].url;
    const item = t.data.store.getSnapshot().vaults[0].collections.secrets.items.find((i) => i.name === 'ops-token')!;
    assert.equal(await t.data.store.readSecretValue({ ...item, vaultUrl: url }), 'second-value');
    await t.data.until((s) => s.vaults[0].collections.secrets.items.find((i) => i.name === 'ops-token')?.tags.team === 'ops', 'the list to refresh with the tag');
    assert.ok(!t.frames.some((f) => f.includes('first-value') || f.includes('second-value')), 'values never reach the screen');
  }));

  it('d deletes (deleting → deleted), u recovers (recovering → recovered), d then p deletes and purges (deleting → purging → purged)', () => withUi(async (t) => {
    await createSecret(t, 'ops-token');
    await select(t, 'ops-token');
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret ops-token?') && f.includes('p delete and purge'));
    await t.press('y');
    await t.waitFor((f) => /✓ delete secret contoso-prod\/ops-token {2}deleted/.test(f), 10_000);
    assert.deepEqual(statesSeen(t, 'delete secret contoso-prod/ops-token', ['deleting', 'deleted']), ['deleting', 'deleted']);

    await t.press('D');
    await t.waitFor((f) => f.includes('secrets (deleted)'));
    await select(t, 'ops-token');
    await t.press('u');
    await t.waitFor((f) => /✓ recover secret contoso-prod\/ops-token {2}recovered/.test(f), 10_000);
    assert.deepEqual(statesSeen(t, 'recover secret contoso-prod/ops-token', ['recovering', 'recovered']), ['recovering', 'recovered']);

    await t.press('D');
    await t.waitFor((f) => f.includes('contoso-prod ▸ secrets') && !f.includes('(deleted)'));
    await select(t, 'ops-token');
    await t.press('d');
    await t.waitFor((f) => f.includes('Delete secret ops-token?'));
    await t.press('p');
    await t.waitFor((f) => f.includes('delete and purge secret ops-token: this cannot be undone'));
    await t.type('ops-token');
    await t.press('return');
    await t.waitFor((f) => /✓ delete\+purge secret contoso-prod\/ops-token {2}purged/.test(f), 10_000);
    assert.deepEqual(statesSeen(t, 'delete+purge secret contoso-prod/ops-token', ['deleting', 'purging', 'purged']), ['deleting', 'purging', 'purged']);
  }));

  it('recreating a deleted-but-recoverable name explains how to recover (D, u) or purge (D, P), keeping what was typed', () => withUi(async (t) => {
    const url = t.data.emulator.vaults[0].url;
    await t.data.store.createSecret({ vault: url, name: 'left-over', value: 'x' });
    await t.data.until((s) => s.operations.some((o) => o.target === 'left-over' && o.state === 'succeeded'), 'create');
    const del = t.data.store.deleteItem({ kind: 'secrets', name: 'left-over', vaultUrl: url });
    await t.data.until((s) => s.operations.find((o) => o.id === del)?.state === 'succeeded', 'delete');
    await t.press('n');
    await t.waitFor((f) => f.includes('New secret'));
    await t.type('left-over');
    await t.press('tab');
    await t.type('again');
    await t.press('return');
    const frame = await t.waitFor((f) => f.includes('recover it'), 10_000);
    assert.ok(frame.replace(/[│\n]/g, ' ').replace(/\s+/g, ' ').includes('recover it or purge it before creating it again (D shows deleted items, then u recovers, P purges)'), frame);
    assert.ok(frame.includes('left-over'), 'the name typed is still in the form');
    // The form was changed: Esc asks before throwing that away.
    await t.press('escape');
    await t.waitFor((f) => f.includes('Discard what you changed?'));
    await t.press('y');
    await t.waitFor((f) => !f.includes('New secret'));
  }));

  it('keys: n creates an EC key, r asks first, then rotates it', () => withUi(async (t) => {
    await t.press('2');
    await t.waitFor((f) => f.includes('contoso-prod ▸ keys'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New key'));
    await t.type('sign-key');
    await t.press('tab', 'right');
    await t.press('tab');
    await t.type('P-384');
    await t.press('return');
    await t.waitFor((f) => /✓ create key contoso-prod\/sign-key/.test(f), 10_000);
    await select(t, 'sign-key');
    await t.press('r');
    await t.waitFor((f) => f.includes('Rotate key sign-key?') && f.includes('y/Enter yes  n/Esc no'));
    await t.press('y');
    await t.waitFor((f) => /✓ rotate key contoso-prod\/sign-key/.test(f), 10_000);
  }));

  it('certificates: n issues one (inProgress → completed)', () => withUi(async (t) => {
    // Held until the test has seen inProgress, however slow the machine.
    const issue = t.data.emulator.gates.hold({ operation: 'certificate-issue', name: 'web-tls' });
    await t.press('4');
    await t.waitFor((f) => f.includes('contoso-prod ▸ certificates'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New self-signed certificate'));
    await t.type('web-tls');
    await t.press('tab');
    await t.type('CN=web.contoso.com');
    await t.press('tab');
    await t.type('web.contoso.com');
    await t.press('return');
    await t.waitFor((f) => /create cert contoso-prod\/web-tls {2}inProgress/.test(f), 10_000);
    issue.release();
    await t.waitFor((f) => /create cert contoso-prod\/web-tls {2}completed/.test(f), 10_000);
    assert.deepEqual(statesSeen(t, 'create cert contoso-prod/web-tls', ['inProgress', 'completed']), ['inProgress', 'completed']);
  }));

  it('certificates: c on a pending one in the operations panel asks, then cancels it at the service', () => withUi(async (t) => {
    // The issue stays pending until the test releases it, so o G c always finds it running.
    const issue = t.data.emulator.gates.hold({ operation: 'certificate-issue', name: 'slow-tls' });
    await t.press('4');
    await t.waitFor((f) => f.includes('contoso-prod ▸ certificates'));
    await t.press('n');
    await t.waitFor((f) => f.includes('New self-signed certificate'));
    await t.type('slow-tls');
    await t.press('tab');
    await t.type('CN=slow.contoso.com');
    await t.press('tab');
    await t.type('slow.contoso.com');
    await t.press('return');
    await t.waitFor((f) => /create cert contoso-prod\/slow-tls {2}inProgress/.test(f), 10_000);
    await t.press('o');
    await t.waitFor((f) => f.includes('▸ Operations'));
    await t.press('G');
    await t.press('c');
    await t.waitFor((f) => f.includes('Cancel create certificate slow-tls?'));
    await t.press('return');
    await t.waitFor((f) => /⊘ create cert contoso-prod\/slow-tls {2}cancelled/.test(f), 10_000);
    await t.press('x');
    await t.waitFor((f) => !f.includes('slow-tls  cancelled') && f.includes('(0 running)'));
    await t.press('escape');
    await t.waitFor((f) => !f.includes('▸ Operations'));
    issue.release();
  }));
});

describe('the operations panel at 80x24', () => {
  it('stays inside the terminal with operations running', async () => {
    const t = await startUi({ columns: 80, rows: 24, store: { operationIntervalMs: 10 } });
    // The delete stays running until the end of the test.
    const hold = t.data.emulator.gates.hold({ operation: 'delete' });
    try {
      await t.waitFor(loaded, 20_000);
      await t.press('d');
      await t.waitFor((f) => f.includes('Delete secret'));
      await t.press('y');
      const frame = await t.waitFor((f) => f.includes('Operations (1 running)'));
      assert.equal(fits(frame, 80, 24), undefined);
      await t.press('o');
      assert.equal(fits(await t.waitFor((f) => f.includes('▸ Operations')), 80, 24), undefined);
    } finally {
      hold.release();
      await t.stop();
    }
  });
});
