// Delete, recover and purge when the polls that follow a change fail (the emulator answers 503
// to the follow-up GETs only, through its fault API): the change happened, so the operation
// says what is known ("… accepted; could not confirm: 503") — never "failed" — and a re-check
// once the vault answers again finds the truth.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { SECRETS } from '../../../src/emulator/secrets/secret-collection.js';
import type { Operation } from '../../../src/store/types.js';
import { rawRequest } from '../../emulator/support/raw-request.js';
import type { StoreHarness } from '../store-harness.js';
import { startStoreHarness } from '../store-harness.js';

describe('operations whose follow-up polls fail', () => {
  let h: StoreHarness;
  before(async () => {
    h = await startStoreHarness({ deleteDelayMs: 30, purgeDelayMs: 30 }, { operationIntervalMs: 5 });
  });
  afterEach(() => h.emulator.faults.clear());
  after(() => h.stop());

  const secrets = () => h.emulator.vault('store-vault').store(SECRETS);
  const ref = (name: string) => ({ kind: 'secrets' as const, name, vaultUrl: h.vault().url });
  const op = (id: string) => h.store.getSnapshot().operations.find((o) => o.id === id);
  const settled = (id: string) => h.until((s) => s.operations.find((o) => o.id === id)?.state !== 'running', `operation ${id} to settle`).then(() => op(id) as Operation);
  /** Through the emulator's HTTP admin API, as any test client would. */
  async function failOnly(method: string, path: string, status: 500 | 503 = 503): Promise<void> {
    const res = await rawRequest(`${h.vault().url}/_emulator/faults`, {
      ca: h.emulator.caPem,
      token: h.emulator.adminToken,
      method: 'PUT',
      body: JSON.stringify({ errorRate: 1, errorStatus: status, only: { method, path } }),
    });
    assert.equal(res.status, 200);
  }
  async function deleted(name: string): Promise<void> {
    const id = h.store.deleteItem(ref(name));
    assert.equal((await settled(id)).state, 'succeeded');
  }

  it('a delete the service took, followed by 503s, says "delete accepted; could not confirm: 503", and a re-check finds it deleted', async () => {
    h.addSecrets(1, 'store-vault', 'del-unconfirmed');
    const name = 'del-unconfirmed-00000';
    await failOnly('GET', '/deletedsecrets/*');
    const id = h.store.deleteItem(ref(name));
    const done = await settled(id);
    assert.equal(done.state, 'unconfirmed');
    assert.match(done.detail, /^delete accepted; could not confirm: 503/);
    assert.equal(done.error, undefined, 'not a failure');
    assert.ok(!secrets().has(name), 'in truth the secret is deleted');

    h.store.recheckOperations();
    assert.equal(op(id)?.state, 'running', 'a re-check runs the operation again');
    const still = await settled(id);
    assert.equal(still.state, 'unconfirmed', 'while the vault still answers 503, it stays unconfirmed');

    h.emulator.faults.clear();
    h.store.recheckOperations();
    const truth = await settled(id);
    assert.equal(truth.state, 'succeeded');
    assert.equal(truth.detail, 'deleted');
  });

  it('a delete-and-purge whose delete cannot be confirmed says the item is soft-deleted, not purged; a re-check purges it', async () => {
    h.addSecrets(1, 'store-vault', 'dp-unconfirmed');
    const name = 'dp-unconfirmed-00000';
    await failOnly('GET', '/deletedsecrets/*');
    const id = h.store.deleteAndPurge(ref(name));
    const done = await settled(id);
    assert.equal(done.state, 'unconfirmed');
    assert.match(done.detail, /^soft-deleted, not purged: could not confirm the delete \(503/);
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 5_000;
      const check = () => {
        try {
          secrets().getDeleted(name);
          resolve();
        } catch (error) {
          if (Date.now() > deadline) reject(error);
          else setTimeout(check, 10);
        }
      };
      check();
    });

    h.emulator.faults.clear();
    h.store.recheckOperations();
    const truth = await settled(id);
    assert.equal(truth.state, 'succeeded');
    assert.equal(truth.detail, 'purged');
    assert.throws(() => secrets().getDeleted(name), 'purged');
  });

  it('a delete-and-purge whose purge the service refuses fails saying the item is soft-deleted but not purged', async () => {
    h.addSecrets(1, 'store-vault', 'dp-refused');
    const name = 'dp-refused-00000';
    await failOnly('DELETE', '/deletedsecrets/*', 500);
    const id = h.store.deleteAndPurge(ref(name));
    const done = await settled(id);
    assert.equal(done.state, 'failed');
    assert.match(done.error?.message ?? '', /^secret "dp-refused-00000" is soft-deleted but not purged: /);
    assert.doesNotThrow(() => secrets().getDeleted(name));
  });

  it('a purge the service took, followed by 503s, says "purge accepted; could not confirm: 503"; a re-check finds it purged', async () => {
    h.addSecrets(1, 'store-vault', 'purge-unconfirmed');
    const name = 'purge-unconfirmed-00000';
    await deleted(name);
    await failOnly('GET', '/deletedsecrets/*');
    const id = h.store.purgeItem(ref(name));
    const done = await settled(id);
    assert.equal(done.state, 'unconfirmed');
    assert.match(done.detail, /^purge accepted; could not confirm: 503/);
    h.emulator.faults.clear();
    h.store.recheckOperations();
    const truth = await settled(id);
    assert.equal(truth.state, 'succeeded');
    assert.equal(truth.detail, 'purged');
  });

  it('a recover the service took, followed by 503s, says "recover accepted; could not confirm: 503"; a re-check finds it recovered', async () => {
    h.addSecrets(1, 'store-vault', 'recover-unconfirmed');
    const name = 'recover-unconfirmed-00000';
    await deleted(name);
    await failOnly('GET', '/secrets/*');
    const id = h.store.recoverItem(ref(name));
    const done = await settled(id);
    assert.equal(done.state, 'unconfirmed');
    assert.match(done.detail, /^recover accepted; could not confirm: 503/);
    assert.ok(secrets().has(name), 'in truth it is recovered');
    h.emulator.faults.clear();
    h.store.recheckOperations();
    const truth = await settled(id);
    assert.equal(truth.state, 'succeeded');
    assert.equal(truth.detail, 'recovered');
  });

  it('a delete the service itself refused still fails (nothing was accepted)', async () => {
    h.addSecrets(1, 'store-vault', 'del-refused');
    await failOnly('DELETE', '/secrets/*', 500);
    const id = h.store.deleteItem(ref('del-refused-00000'));
    const done = await settled(id);
    assert.equal(done.state, 'failed');
    assert.ok(secrets().has('del-refused-00000'));
  });
});
