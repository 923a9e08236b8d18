// Operations against the emulator with short delays: the states of delete, recover, purge and
// delete-then-purge in the service's words and in order, what the last poll answered,
// conflicts explained, abandon, and the refresh hook. Each test makes the secrets it uses;
// where a test must see an operation unfinished, an emulator gate holds it until released.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MutationHarness } from './mutations/mutation-harness.js';
import { startMutationHarness, waitFor } from './mutations/mutation-harness.js';

const ref = (h: MutationHarness, name: string) => ({ kind: 'secrets' as const, name, vaultUrl: h.vaultUrl });

describe('secret operations', () => {
  let h: MutationHarness;
  before(async () => {
    h = await startMutationHarness({ deleteDelayMs: 0, purgeDelayMs: 30 });
  });
  after(() => h.stop());

  it('create runs as an operation and reports created', async () => {
    const id = h.actions.createSecret({ vault: h.vaultUrl, name: 'created-one', value: 's3cret', contentType: 'text/plain', tags: { env: 'test' } });
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded');
    assert.equal(op.detail, 'created');
    assert.deepEqual(h.history.get(id), ['running:creating', 'succeeded:created']);
    const secret = await h.clients.secrets().getSecret('created-one');
    assert.equal(secret.value, 's3cret');
    assert.deepEqual(secret.properties.tags, { env: 'test' });
  });

  it('delete goes deleting → deleted, and its last poll is the deleted item lookup', async () => {
    await h.clients.secrets().setSecret('to-delete', 'x');
    const gate = h.emulator.gates.hold({ operation: 'delete', name: 'to-delete' });
    const id = h.actions.deleteItem(ref(h, 'to-delete'));
    await waitFor(() => h.operation(id).lastPoll?.startsWith('GET deletedsecrets/to-delete → 404') ?? false, 'a poll that still finds nothing');
    assert.equal(h.operation(id).detail, 'deleting');
    gate.release();
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded');
    assert.deepEqual(h.history.get(id), ['running:deleting', 'running:deleted', 'succeeded:deleted']);
    assert.equal(op.lastPoll, 'GET deletedsecrets/to-delete → 200');
    assert.ok(h.finished.some((f) => f.id === id), 'the refresh hook heard about it');
  });

  it('recover goes recovering → recovered and the secret is back', async () => {
    await h.clients.secrets().setSecret('to-recover', 'x');
    await (await h.clients.secrets().beginDeleteSecret('to-recover', { intervalInMs: 5 })).pollUntilDone();
    const id = h.actions.recoverItem(ref(h, 'to-recover'));
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded');
    assert.deepEqual(h.history.get(id), ['running:recovering', 'running:recovered', 'succeeded:recovered']);
    assert.equal((await h.clients.secrets().getSecret('to-recover')).value, 'x');
  });

  it('purge waits until the deleted item is gone before it reports purged', async () => {
    await h.clients.secrets().setSecret('to-purge', 'x');
    const del = await (await h.clients.secrets().beginDeleteSecret('to-purge', { intervalInMs: 5 })).pollUntilDone();
    assert.ok(del.recoveryId);
    const start = h.requests.length;
    // The emulator keeps the deleted item (as the service does while purging) until released.
    const gate = h.emulator.gates.hold({ operation: 'purge', name: 'to-purge' });
    const id = h.actions.purgeItem(ref(h, 'to-purge'));
    const stillThere = () => h.requests.slice(start).filter((r) => r.method === 'GET' && r.path === '/deletedsecrets/to-purge' && r.status === 200).length;
    await waitFor(() => stillThere() >= 2, 'polls that still find the deleted item');
    assert.equal(h.operation(id).state, 'running', 'not purged while the deleted item is still there');
    gate.release();
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded');
    assert.deepEqual(h.history.get(id), ['running:purging', 'succeeded:purged']);
    const sent = h.requests.slice(start).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.ok(sent.includes('DELETE /deletedsecrets/to-purge 204'), sent.join('\n'));
    assert.equal(sent.at(-1), 'GET /deletedsecrets/to-purge 404', 'the last request found the deleted item gone');
    await assert.rejects(h.clients.secrets().getDeletedSecret('to-purge'), { statusCode: 404 });
  });

  it('purge waits until the delete has finished: delete-and-purge never gets a 409', async () => {
    await h.clients.secrets().setSecret('chained', 'x');
    const start = h.requests.length;
    // The delete stays unfinished until a few polls have seen it so; a purge meanwhile would get 409.
    const gate = h.emulator.gates.hold({ operation: 'delete', name: 'chained' });
    const id = h.actions.deleteAndPurge(ref(h, 'chained'));
    await waitFor(() => h.requests.slice(start).filter((r) => r.path === '/deletedsecrets/chained' && r.status === 404).length >= 2, 'polls of the unfinished delete');
    gate.release();
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded', JSON.stringify(op.error));
    assert.equal(op.kind, 'deleteAndPurge');
    assert.deepEqual(h.history.get(id), ['running:deleting', 'running:deleted', 'running:purging', 'succeeded:purged']);
    const sent = h.requests.slice(start);
    assert.ok(!sent.some((r) => r.status === 409), 'no request was refused with 409');
    const purgeAt = sent.findIndex((r) => r.method === 'DELETE' && r.path === '/deletedsecrets/chained');
    const deletedFoundAt = sent.findIndex((r) => r.method === 'GET' && r.path === '/deletedsecrets/chained' && r.status === 200);
    assert.ok(deletedFoundAt >= 0 && deletedFoundAt < purgeAt, 'the purge came after the delete had finished');
  });

  it('creating a name held by a deleted-but-recoverable secret explains how to recover or purge it', async () => {
    await h.clients.secrets().setSecret('held', 'x');
    await (await h.clients.secrets().beginDeleteSecret('held', { intervalInMs: 5 })).pollUntilDone();
    const id = h.actions.createSecret({ vault: h.vaultUrl, name: 'held', value: 'new' });
    const op = await h.settle(id);
    assert.equal(op.state, 'failed');
    assert.equal(op.error?.class, 'conflict');
    assert.equal(op.error?.innerCode, 'ObjectIsDeletedButRecoverable');
    assert.match(op.error?.message ?? '', /recover it .*purge it/);
    // Advice as actions: the UI names the user's keys, the store names none.
    assert.deepEqual(op.error?.next, ['recover', 'purge']);
    assert.doesNotMatch(op.error?.message ?? '', /\b[DuP]\b/);
  });

  it('creating a secret whose name is taken says to add a version instead', async () => {
    await h.clients.secrets().setSecret('taken', 'x');
    const op = await h.settle(h.actions.createSecret({ vault: h.vaultUrl, name: 'taken', value: 'y' }));
    assert.equal(op.state, 'failed');
    assert.equal(op.error?.class, 'conflict');
    assert.match(op.error?.message ?? '', /already exists.*new version/);
    assert.equal((await h.clients.secrets().getSecret('taken')).value, 'x', 'nothing was written');
  });

  it('a new version and an attribute update change the secret', async () => {
    await h.clients.secrets().setSecret('versioned', 'one');
    const v = await h.settle(h.actions.setSecretVersion({ vault: h.vaultUrl, name: 'versioned', value: 'two' }));
    assert.equal(v.state, 'succeeded');
    assert.match(v.detail, /^created version /);
    const expires = new Date('2030-01-01T00:00:00Z');
    const u = await h.settle(h.actions.updateProperties(ref(h, 'versioned'), { enabled: false, tags: { a: 'b' }, expiresOn: expires }));
    assert.equal(u.state, 'succeeded', JSON.stringify(u.error));
    const versions = [];
    for await (const p of h.clients.secrets().listPropertiesOfSecretVersions('versioned')) versions.push(p);
    assert.equal(versions.length, 2);
    const latest = versions.find((p) => p.enabled === false);
    assert.ok(latest, 'the latest version is disabled');
    assert.deepEqual(latest.tags, { a: 'b' });
    assert.equal(latest.expiresOn?.toISOString(), expires.toISOString());
  });

  it('abandoning stops watching: the record says abandoned and no more polls are sent', async () => {
    const gate = h.emulator.gates.hold({ operation: 'delete', name: 'abandon-me' });
    try {
      await h.clients.secrets().setSecret('abandon-me', 'x');
      const polls = () => h.requests.filter((r) => r.path === '/deletedsecrets/abandon-me').length;
      const id = h.actions.deleteItem(ref(h, 'abandon-me'));
      await waitFor(() => polls() >= 2, 'a few polls');
      h.actions.abandonOperation(id);
      assert.equal(h.operation(id).state, 'abandoned');
      assert.equal(h.operation(id).detail, 'deleting');
      // Barrier: a poll in flight when it was abandoned is answered and logged before counting.
      await h.emulator.idle();
      const count = polls();
      // Another operation polled several times proves the abandoned one had time to poll.
      const other = h.emulator.gates.hold({ operation: 'delete', name: 'abandon-marker' });
      await h.clients.secrets().setSecret('abandon-marker', 'm');
      const marker = h.actions.deleteItem(ref(h, 'abandon-marker'));
      await waitFor(() => h.requests.filter((r) => r.path === '/deletedsecrets/abandon-marker').length >= 5, 'five polls of another operation');
      other.release();
      await h.settle(marker);
      await h.emulator.idle();
      assert.equal(polls(), count, 'no polls after it was abandoned');
      assert.ok(!h.finished.some((f) => f.id === id), 'abandoned operations do not trigger refreshes');
    } finally {
      gate.release();
    }
  });

  it('cancel is refused for operations the service cannot cancel', async () => {
    await h.clients.secrets().setSecret('no-cancel', 'x');
    const id = h.actions.deleteItem(ref(h, 'no-cancel'));
    await assert.rejects(h.actions.cancelOperation(id), { class: 'invalid', message: /cannot cancel a delete; abandon/ });
    await h.settle(id);
  });

  it('clearing removes finished operations and keeps running ones', async () => {
    // Its own harness: clearing acts on every operation of the tracker.
    const own = await startMutationHarness();
    const gate = own.emulator.gates.hold({ operation: 'delete' });
    try {
      await own.clients.secrets().setSecret('a', 'x');
      const done = await own.settle(own.actions.createSecret({ vault: own.vaultUrl, name: 'b', value: 'y' }));
      const running = own.actions.deleteItem({ kind: 'secrets', name: 'a', vaultUrl: own.vaultUrl });
      own.actions.clearFinishedOperations();
      const left = own.tracker.list().map((o) => o.id);
      assert.deepEqual(left, [running]);
      assert.ok(!left.includes(done.id));
      own.actions.abandonOperation(running);
    } finally {
      gate.release();
      await own.stop();
    }
  });

  it('a service failure is classified on the record', async () => {
    const op = await h.settle(h.actions.recoverItem(ref(h, 'never-existed')));
    assert.equal(op.state, 'failed');
    assert.equal(op.error?.class, 'notFound');
  });
});
