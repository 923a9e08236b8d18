// Soft delete with time: delete and purge delays, the 409s while they run, purge protection,
// vaults without soft delete, and the scheduled purge. The emulator's clock is the test's,
// so "time passes" is a step the test takes, not a sleep.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RestError } from '@azure/core-rest-pipeline';
import type { Harness } from '../support/emulator-harness.js';
import { collect, startHarness, waitFor } from '../support/emulator-harness.js';
import { checkConformanceAfterAll } from '../support/conformance-after-all.js';

let now = Date.parse('2026-03-01T12:00:00Z');
const clock = () => now;
let h: Harness;

before(async () => {
  h = await startHarness({
    vaults: ['soft-delete', { name: 'protected', purgeProtection: true }, { name: 'no-soft-delete', recoveryLevel: 'Purgeable' }, { name: 'short-retention', recoverableDays: 7 }],
    deleteDelayMs: 60_000,
    purgeDelayMs: 30_000,
    clock,
  });
});

after(async () => {
  await h?.stop();
});

function innerCode(err: unknown): string | undefined {
  return (err as RestError & { details?: { error?: { innerError?: { code?: string } } } }).details?.error?.innerError?.code;
}

async function expectError(promise: Promise<unknown>, status: number, inner?: string): Promise<void> {
  await assert.rejects(promise, (err: RestError) => {
    assert.equal(err.statusCode, status, err.message);
    if (inner) assert.equal(innerCode(err), inner);
    return true;
  });
}

function deletedPolls(name: string, status: number): number {
  return h.recorder.records.filter((r) => r.method === 'GET' && new URL(r.url).pathname === `/deletedsecrets/${name}` && r.status === status).length;
}

describe('while a delete is running', () => {
  test('the item answers 404 live and under /deleted, its name is taken, and the poller finishes when the delete does', async () => {
    await h.secrets.setSecret('slow-delete', 'v');
    const poller = await h.secrets.beginDeleteSecret('slow-delete', { intervalInMs: 2 });
    const done = poller.pollUntilDone();

    await expectError(h.secrets.getSecret('slow-delete'), 404);
    await expectError(h.secrets.getDeletedSecret('slow-delete'), 404);
    assert.equal((await collect(h.secrets.listDeletedSecrets())).length, 0);
    await expectError(h.secrets.setSecret('slow-delete', 'again'), 409, 'ObjectIsBeingDeleted');
    await expectError(h.secrets.purgeDeletedSecret('slow-delete'), 409, 'ObjectIsBeingDeleted');
    await expectError(h.secrets.beginRecoverDeletedSecret('slow-delete', { intervalInMs: 2 }), 409, 'ObjectIsBeingDeleted');

    // The poller keeps seeing 404 until the delete has finished.
    await waitFor(() => deletedPolls('slow-delete', 404) >= 3, 'the delete poller to see 404s');
    assert.equal(poller.isDone(), false);
    now += 60_000;
    const deleted = await done;
    assert.equal(deleted.name, 'slow-delete');
    assert.ok(deletedPolls('slow-delete', 200) >= 1);
    assert.equal((await h.secrets.getDeletedSecret('slow-delete')).name, 'slow-delete');
    await expectError(h.secrets.setSecret('slow-delete', 'again'), 409, 'ObjectIsDeletedButRecoverable');
  });
});

describe('while a purge is running', () => {
  test('the name stays taken until the purge has finished', async () => {
    await h.secrets.setSecret('slow-purge', 'v');
    const poller = await h.secrets.beginDeleteSecret('slow-purge', { intervalInMs: 2 });
    now += 60_000;
    await poller.pollUntilDone();
    await h.secrets.purgeDeletedSecret('slow-purge');
    await expectError(h.secrets.getDeletedSecret('slow-purge'), 404);
    await expectError(h.secrets.setSecret('slow-purge', 'new'), 409, 'ObjectIsBeingDeleted');
    now += 30_000;
    assert.equal((await h.secrets.setSecret('slow-purge', 'new')).value, 'new');
  });
});

describe('vault recovery settings', () => {
  test('a purge-protected vault answers purge with 403 and reports Recoverable', async () => {
    const c = h.secretClient(h.emulator.vaults[1].url);
    const s = await c.setSecret('kept', 'v');
    assert.equal(s.properties.recoveryLevel, 'Recoverable');
    const poller = await c.beginDeleteSecret('kept', { intervalInMs: 2 });
    now += 60_000;
    await poller.pollUntilDone();
    await assert.rejects(c.purgeDeletedSecret('kept'), (err: RestError) => {
      assert.equal(err.statusCode, 403);
      assert.equal(err.code, 'Forbidden');
      assert.match(err.message, /purge protection is enabled/);
      return true;
    });
    await (await c.beginRecoverDeletedSecret('kept', { intervalInMs: 2 })).pollUntilDone();
    assert.equal((await c.getSecret('kept')).value, 'v');
  });

  test('a vault without soft delete deletes at once: no recovery id, nothing under /deleted, the name free again', async () => {
    const c = h.secretClient(h.emulator.vaults[2].url);
    const s = await c.setSecret('gone', 'v');
    assert.equal(s.properties.recoveryLevel, 'Purgeable');
    const deleted = await (await c.beginDeleteSecret('gone', { intervalInMs: 2 })).pollUntilDone();
    assert.equal(deleted.properties.recoveryId, undefined);
    await expectError(c.getDeletedSecret('gone'), 404);
    assert.equal((await c.setSecret('gone', 'again')).value, 'again');
  });

  test('a 7-day vault reports CustomizedRecoverable+Purgeable and schedules the purge 7 days out', async () => {
    const c = h.secretClient(h.emulator.vaults[3].url);
    const s = await c.setSecret('short', 'v');
    assert.equal(s.properties.recoveryLevel, 'CustomizedRecoverable+Purgeable');
    assert.equal(s.properties.recoverableDays, 7);
    const poller = await c.beginDeleteSecret('short', { intervalInMs: 2 });
    now += 60_000;
    const deleted = await poller.pollUntilDone();
    const days = ((deleted.properties.scheduledPurgeDate?.getTime() ?? 0) - (deleted.properties.deletedOn?.getTime() ?? 0)) / 86_400_000;
    assert.equal(days, 7);
  });

  test('a deleted item is purged by the service at its scheduled purge date', async () => {
    await h.secrets.setSecret('expires-from-bin', 'v');
    const poller = await h.secrets.beginDeleteSecret('expires-from-bin', { intervalInMs: 2 });
    now += 60_000;
    await poller.pollUntilDone();
    now += 90 * 86_400_000;
    await expectError(h.secrets.getDeletedSecret('expires-from-bin'), 404);
    assert.equal((await h.secrets.setSecret('expires-from-bin', 'reborn')).value, 'reborn');
  });
});

describe('changing delays at run time', () => {
  test('PATCH /_emulator/vault sets the delete delay used by the next delete', async () => {
    // The other tests of this file rely on the vault's delays: put them back afterwards.
    const { deleteDelayMs, purgeDelayMs } = h.emulator.vault('soft-delete').settings;
    try {
      const res = await fetchAdmin(h.url, '/_emulator/vault', 'PATCH', { deleteDelayMs: 0, purgeDelayMs: 0 });
      assert.equal(res.status, 200);
      assert.equal((res.body as { deleteDelayMs: number }).deleteDelayMs, 0);
      await h.secrets.setSecret('quick', 'v');
      await h.secrets.beginDeleteSecret('quick', { intervalInMs: 2 });
      assert.equal((await h.secrets.getDeletedSecret('quick')).name, 'quick');
      const bad = await fetchAdmin(h.url, '/_emulator/vault', 'PATCH', { deleteDelay: 5 });
      assert.equal(bad.status, 400);
      assert.match((bad.body as { error: { message: string } }).error.message, /allowed: deleteDelayMs, purgeDelayMs/);
    } finally {
      Object.assign(h.emulator.vault('soft-delete').settings, { deleteDelayMs, purgeDelayMs });
    }
  });
});

checkConformanceAfterAll(() => h.recorder.validate(), { operations: ['GetDeletedSecret 404', 'SetSecret 409', 'PurgeDeletedSecret 403'] });

async function fetchAdmin(origin: string, path: string, method: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, origin),
      { method, ca: h.emulator.caPem, headers: { 'content-type': 'application/json', ...h.emulator.adminHeaders() } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
