// Gates on their own (no server): a held delete stays "being deleted", a held purge keeps the
// deleted object and its name, until the gate is released; then each finishes. Time is a clock
// the test moves, so "held" never depends on how fast the machine is.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { ServiceError } from '../../src/emulator/errors.js';
import { checkGateSpec, OperationGates } from '../../src/emulator/gates.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { VaultState } from '../../src/emulator/vault-state.js';

let now: number;
let gates: OperationGates;
let vault: VaultState;
const secrets = () => vault.store(SECRETS);

beforeEach(() => {
  now = Date.parse('2026-01-01T00:00:00Z');
  gates = new OperationGates();
  vault = new VaultState({ name: 'gated', recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 0, purgeDelayMs: 0 }, () => now, gates);
  for (const name of ['held', 'free']) secrets().create(name, { payload: { value: 'v' } });
});

function status(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof ServiceError, String(err));
    return `${err.status} ${err.innerCode ?? err.code}`;
  }
}

describe('a delete gate', () => {
  test('keeps the delete unfinished however much time passes, until released; then it finishes', () => {
    const gate = gates.hold({ operation: 'delete', vault: 'gated', collection: 'secrets', name: 'HELD' });
    secrets().delete('held');
    assert.equal(gate.state().caught, 1);
    now += 24 * 3600_000;
    assert.equal(status(() => secrets().getDeleted('held')), '404 SecretNotFound');
    assert.equal(status(() => secrets().recover('held')), '409 ObjectIsBeingDeleted');
    assert.equal(status(() => secrets().purge('held')), '409 ObjectIsBeingDeleted');
    assert.equal(status(() => secrets().create('held', { payload: { value: 'again' } })), '409 ObjectIsBeingDeleted');
    assert.deepEqual(secrets().listDeleted().map((e) => e.object.name), []);

    gate.release();
    assert.equal(status(() => secrets().getDeleted('held')), 'ok');
    assert.deepEqual(secrets().listDeleted().map((e) => e.object.name), ['held']);
    assert.equal(status(() => secrets().recover('held')), 'ok');
  });

  test('holds only what matches and what starts while it is closed', () => {
    const gate = gates.hold({ operation: 'delete', name: 'held' });
    secrets().delete('free');
    assert.equal(status(() => secrets().getDeleted('free')), 'ok', 'another name is not held');
    gate.release();
    const late = gates.hold({ operation: 'delete', collection: 'keys' });
    secrets().delete('held');
    assert.equal(status(() => secrets().getDeleted('held')), 'ok', 'a gate for keys does not hold secrets');
    assert.equal(late.state().caught, 0);
    const other = gates.hold({ operation: 'delete', vault: 'another-vault' });
    secrets().create('third', { payload: { value: 'v' } });
    secrets().delete('third');
    assert.equal(status(() => secrets().getDeleted('third')), 'ok', 'a gate for another vault does not hold this one');
    assert.equal(other.state().caught, 0);
  });

  test('still lets the vault delete delay run after release', () => {
    vault.settings.deleteDelayMs = 1000;
    const gate = gates.hold({ operation: 'delete' });
    secrets().delete('held');
    gate.release();
    assert.equal(status(() => secrets().getDeleted('held')), '404 SecretNotFound');
    now += 1000;
    assert.equal(status(() => secrets().getDeleted('held')), 'ok');
  });
});

describe('a purge gate', () => {
  test('keeps the purged object under deleted and its name taken until released; then both are gone', () => {
    secrets().delete('held');
    const gate = gates.hold({ operation: 'purge', collection: 'secrets' });
    secrets().purge('held');
    assert.equal(gate.state().caught, 1);
    now += 24 * 3600_000;
    assert.equal(status(() => secrets().getDeleted('held')), 'ok', 'still shows while purging');
    assert.deepEqual(secrets().listDeleted().map((e) => e.object.name), ['held']);
    assert.equal(status(() => secrets().create('held', { payload: { value: 'again' } })), '409 ObjectIsBeingDeleted');
    assert.equal(status(() => secrets().recover('held')), '409 Conflict');
    assert.equal(status(() => secrets().purge('held')), '409 Conflict');

    gate.release();
    assert.equal(status(() => secrets().getDeleted('held')), '404 SecretNotFound');
    assert.deepEqual(secrets().listDeleted(), []);
    assert.equal(status(() => secrets().create('held', { payload: { value: 'again' } })), 'ok');
  });

  test('after release the name stays taken for the rest of purgeDelayMs, counted from the purge request', () => {
    vault.settings.purgeDelayMs = 1000;
    secrets().delete('held');
    const gate = gates.hold({ operation: 'purge' });
    secrets().purge('held');
    now += 600;
    gate.release();
    assert.equal(status(() => secrets().create('held', { payload: { value: 'x' } })), '409 ObjectIsBeingDeleted');
    now += 400;
    assert.equal(status(() => secrets().create('held', { payload: { value: 'x' } })), 'ok');
  });
});

describe('gate handles', () => {
  test('caught() resolves once an operation is held and fails at once when the gate is released without one', async () => {
    const gate = gates.hold({ operation: 'delete', name: 'held' });
    const waiting = gate.caught();
    secrets().delete('held');
    await waiting;
    const idle = gates.hold({ operation: 'purge', name: 'nothing' });
    const never = idle.caught(1, 60_000);
    idle.release();
    await assert.rejects(never, /caught 0 of 1 operations before it was released/);
  });

  test('list shows closed gates for a vault (and those for any vault); releaseAll releases that vault\'s', () => {
    const mine = gates.hold({ operation: 'delete', vault: 'gated' });
    const any = gates.hold({ operation: 'purge' });
    const theirs = gates.hold({ operation: 'delete', vault: 'other' });
    assert.deepEqual(gates.list('gated').map((g) => g.id), [mine.id, any.id]);
    assert.deepEqual(gates.releaseAll('gated').map((g) => g.id), [mine.id]);
    assert.deepEqual(gates.list().map((g) => g.id), [any.id, theirs.id]);
    assert.equal(gates.get(mine.id)?.state().released, true);
  });

  test('a gate spec says what is wrong and what is allowed', () => {
    assert.throws(() => checkGateSpec({ operation: 'rotate' }), /allowed: delete, purge, certificate-issue, request/);
    assert.throws(() => checkGateSpec({ operation: 'delete', collection: 'blobs' }), /allowed: secrets, keys, certificates/);
    assert.throws(() => checkGateSpec({ operation: 'delete', colour: 'red' }), /allowed: operation, vault, collection, name, method, path/);
    assert.throws(() => checkGateSpec({ operation: 'delete', name: '' }), /'name' must be a non-empty string/);
    assert.throws(() => checkGateSpec([]), /JSON object/);
    assert.deepEqual(checkGateSpec({ operation: 'purge', name: 'x' }), { operation: 'purge', name: 'x' });
    assert.throws(() => checkGateSpec({ operation: 'request', name: 'x' }), /matches by 'method' and 'path'/);
    assert.throws(() => checkGateSpec({ operation: 'delete', path: '/secrets/x' }), /are for 'request' gates/);
    assert.throws(() => checkGateSpec({ operation: 'request', path: 'secrets' }), /'path' must start with \//);
    assert.deepEqual(checkGateSpec({ operation: 'request', method: 'GET', path: '/secrets/*' }), { operation: 'request', method: 'GET', path: '/secrets/*' });
  });
});
