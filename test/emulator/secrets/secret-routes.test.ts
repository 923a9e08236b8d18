// Every secrets operation through the real SecretClient over HTTPS, with every response
// validated against secrets.json at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RestError } from '@azure/core-rest-pipeline';
import type { Harness } from '../support/emulator-harness.js';
import { collect, startHarness } from '../support/emulator-harness.js';
import { checkConformanceAfterAll } from '../support/conformance-after-all.js';

let h: Harness;

before(async () => {
  h = await startHarness({ deleteDelayMs: 0, purgeDelayMs: 0 });
});

after(async () => {
  await h?.stop();
});

async function rejectsWith(promise: Promise<unknown>, status: number, code: string, innerCode?: string): Promise<RestError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof RestError, `expected a RestError, got ${String(err)}`);
    assert.equal(err.statusCode, status, err.message);
    assert.equal(err.code, code);
    // The client deserializes the wire's `innererror` as `innerError`.
    const details = err.details as { error?: { code?: string; innerError?: { code?: string } } } | undefined;
    if (innerCode !== undefined) assert.equal(details?.error?.innerError?.code, innerCode);
    return err;
  }
  assert.fail(`expected ${status} ${code}`);
}

describe('set and get', () => {
  test('set returns the value, a 32-hex version id and the vault recovery settings', async () => {
    const s = await h.secrets.setSecret('db-password', 'hunter2', {
      contentType: 'password',
      tags: { env: 'test', owner: 'me' },
    });
    assert.equal(s.value, 'hunter2');
    assert.equal(s.name, 'db-password');
    assert.match(s.properties.version ?? '', /^[0-9a-f]{32}$/);
    assert.equal(s.properties.id, `${h.url}/secrets/db-password/${s.properties.version}`);
    assert.equal(s.properties.vaultUrl, h.url);
    assert.equal(s.properties.contentType, 'password');
    assert.deepEqual(s.properties.tags, { env: 'test', owner: 'me' });
    assert.equal(s.properties.enabled, true);
    assert.equal(s.properties.recoveryLevel, 'Recoverable+Purgeable');
    assert.equal(s.properties.recoverableDays, 90);
    assert.ok(s.properties.createdOn instanceof Date);
  });

  test('each set is a new version and get without a version returns the latest', async () => {
    const v1 = await h.secrets.setSecret('rotating', 'one');
    const v2 = await h.secrets.setSecret('rotating', 'two');
    assert.notEqual(v1.properties.version, v2.properties.version);
    assert.equal((await h.secrets.getSecret('rotating')).value, 'two');
    assert.equal((await h.secrets.getSecret('rotating', { version: v1.properties.version })).value, 'one');
  });

  test('names are case-insensitive, as in Key Vault', async () => {
    await h.secrets.setSecret('MixedCase', 'v');
    assert.equal((await h.secrets.getSecret('mixedcase')).value, 'v');
  });

  test('enabled, notBefore and expiresOn round-trip in epoch seconds', async () => {
    const nbf = new Date('2030-01-01T00:00:00Z');
    const exp = new Date('2031-06-30T12:00:00Z');
    await h.secrets.setSecret('dated', 'v', { notBefore: nbf, expiresOn: exp });
    const got = await h.secrets.getSecret('dated');
    assert.equal(got.properties.notBefore?.getTime(), nbf.getTime());
    assert.equal(got.properties.expiresOn?.getTime(), exp.getTime());
  });

  test('a value of 25 KiB is accepted and one byte more is rejected with the limit named', async () => {
    const max = 'x'.repeat(25 * 1024);
    assert.equal((await h.secrets.setSecret('big', max)).value?.length, max.length);
    const err = await rejectsWith(h.secrets.setSecret('big', `${max}x`), 400, 'BadParameter');
    assert.match(err.message, /25600 bytes/);
  });

  test('15 tags are accepted, 16 are rejected', async () => {
    const tags = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`t${i}`, String(i)]));
    await h.secrets.setSecret('tagged', 'v', { tags });
    const err = await rejectsWith(h.secrets.setSecret('tagged', 'v', { tags: { ...tags, t15: 'x' } }), 400, 'BadParameter');
    assert.match(err.message, /at most 15 tags/);
  });

  test('an invalid name gets 400 saying which characters are allowed', async () => {
    const err = await rejectsWith(h.secrets.setSecret('bad_name', 'v'), 400, 'BadParameter');
    assert.match(err.message, /0-9, a-z, A-Z and '-'/);
  });

  test('get of an unknown secret or version is 404 SecretNotFound', async () => {
    await rejectsWith(h.secrets.getSecret('never-set'), 404, 'SecretNotFound');
    await h.secrets.setSecret('known', 'v');
    await rejectsWith(h.secrets.getSecret('known', { version: '0'.repeat(32) }), 404, 'SecretNotFound');
  });

  test('get of a disabled secret is 403 with innererror SecretDisabled; its properties stay readable', async () => {
    await h.secrets.setSecret('switched-off', 'v', { enabled: false });
    await rejectsWith(h.secrets.getSecret('switched-off'), 403, 'Forbidden', 'SecretDisabled');
    const [item] = await collect(h.secrets.listPropertiesOfSecretVersions('switched-off'));
    assert.equal(item.enabled, false);
  });
});

describe('update properties', () => {
  test('updates one version without touching the value, and get sees it', async () => {
    const first = await h.secrets.setSecret('upd', 'keep-me', { contentType: 'a' });
    await h.secrets.setSecret('upd', 'newer');
    const props = await h.secrets.updateSecretProperties('upd', first.properties.version ?? '', {
      enabled: false,
      contentType: 'b',
      tags: { k: 'v' },
      expiresOn: new Date('2035-01-01T00:00:00Z'),
    });
    assert.equal(props.enabled, false);
    assert.equal(props.contentType, 'b');
    assert.deepEqual(props.tags, { k: 'v' });
    const versions = await collect(h.secrets.listPropertiesOfSecretVersions('upd'));
    const updated = versions.find((v) => v.version === first.properties.version);
    assert.equal(updated?.enabled, false);
    assert.equal((await h.secrets.getSecret('upd')).value, 'newer');
    await h.secrets.updateSecretProperties('upd', first.properties.version ?? '', { enabled: true });
    assert.equal((await h.secrets.getSecret('upd', { version: first.properties.version })).value, 'keep-me');
  });

  test('updating an unknown version is 404', async () => {
    await h.secrets.setSecret('upd2', 'v');
    await rejectsWith(h.secrets.updateSecretProperties('upd2', 'f'.repeat(32), { enabled: false }), 404, 'SecretNotFound');
  });
});

describe('lists', () => {
  test('list items carry no value and ids without a version; versions carry their version', async () => {
    const c = h.secretClient();
    await c.setSecret('listed-a', 'secret-a');
    await c.setSecret('listed-a', 'secret-a2');
    const all = await collect(c.listPropertiesOfSecrets());
    const a = all.find((p) => p.name === 'listed-a');
    assert.ok(a);
    assert.equal(a.id, `${h.url}/secrets/listed-a`);
    assert.equal((a as unknown as { value?: string }).value, undefined);
    const versions = await collect(c.listPropertiesOfSecretVersions('listed-a'));
    assert.equal(versions.length, 2);
    for (const v of versions) assert.equal(v.id, `${h.url}/secrets/listed-a/${v.version}`);
  });

  test('lists page with maxresults and follow nextLink to the end', async () => {
    const h2 = await startHarness({ vaults: ['paging-vault'] });
    try {
      for (let i = 0; i < 23; i++) await h2.secrets.setSecret(`page-${String(i).padStart(2, '0')}`, 'v');
      const pages = [];
      for await (const page of h2.secrets.listPropertiesOfSecrets().byPage({ maxPageSize: 5 })) pages.push(page.map((p) => p.name));
      assert.deepEqual(pages.map((p) => p.length), [5, 5, 5, 5, 3]);
      assert.deepEqual(pages.flat(), Array.from({ length: 23 }, (_, i) => `page-${String(i).padStart(2, '0')}`));
      const defaultPages = [];
      for (let i = 23; i < 30; i++) await h2.secrets.setSecret(`page-${i}`, 'v');
      for await (const page of h2.secrets.listPropertiesOfSecrets().byPage()) defaultPages.push(page.length);
      assert.deepEqual(defaultPages, [25, 5]);
      const nextLinks = h2.recorder.records
        .filter((r) => r.status === 200 && r.url.includes('/secrets?'))
        .map((r) => JSON.parse(r.body).nextLink as string | null);
      assert.ok(nextLinks.some((l) => l !== null && l.startsWith(`${h2.url}/secrets?`)));
      assert.equal(nextLinks.at(-1), null);
      const { problems } = h2.recorder.validate();
      assert.deepEqual(problems, []);
    } finally {
      await h2.stop();
    }
  });

  test('maxresults outside 1..25 is a 400 naming the range', async () => {
    await assert.rejects(
      collect(h.secrets.listPropertiesOfSecrets().byPage({ maxPageSize: 26 })),
      (err: RestError) => err.statusCode === 400,
    );
    // The paging helper drops the body from its error; the recorder kept it.
    const last = h.recorder.records.at(-1);
    assert.equal(last?.status, 400);
    assert.match(JSON.parse(last?.body ?? '{}').error.message, /from 1 to 25/);
  });

  test('list versions of an unknown secret is 404', async () => {
    await assert.rejects(collect(h.secrets.listPropertiesOfSecretVersions('nope')), (err: RestError) => err.statusCode === 404);
  });
});

describe('delete, recover, purge', () => {
  test('delete gives a deleted bundle; get deleted, list deleted, recover and purge work', async () => {
    await h.secrets.setSecret('doomed', 'v1', { tags: { a: '1' } });
    const poller = await h.secrets.beginDeleteSecret('doomed', { intervalInMs: 2 });
    const deleted = await poller.pollUntilDone();
    assert.equal(deleted.properties.recoveryId, `${h.url}/deletedsecrets/doomed`);
    assert.ok(deleted.properties.deletedOn instanceof Date);
    assert.ok(deleted.properties.scheduledPurgeDate instanceof Date);
    const days = (deleted.properties.scheduledPurgeDate.getTime() - deleted.properties.deletedOn.getTime()) / 86_400_000;
    assert.equal(days, 90);
    await rejectsWith(h.secrets.getSecret('doomed'), 404, 'SecretNotFound');

    const got = await h.secrets.getDeletedSecret('doomed');
    assert.equal(got.value, undefined);
    assert.deepEqual(got.properties.tags, { a: '1' });
    const listed = await collect(h.secrets.listDeletedSecrets());
    assert.ok(listed.some((d) => d.name === 'doomed' && d.properties.recoveryId === `${h.url}/deletedsecrets/doomed`));

    const recovered = await (await h.secrets.beginRecoverDeletedSecret('doomed', { intervalInMs: 2 })).pollUntilDone();
    assert.equal(recovered.name, 'doomed');
    assert.equal((await h.secrets.getSecret('doomed')).value, 'v1');
    await rejectsWith(h.secrets.getDeletedSecret('doomed'), 404, 'SecretNotFound');

    await (await h.secrets.beginDeleteSecret('doomed', { intervalInMs: 2 })).pollUntilDone();
    await h.secrets.purgeDeletedSecret('doomed');
    await rejectsWith(h.secrets.getDeletedSecret('doomed'), 404, 'SecretNotFound');
    const again = await h.secrets.setSecret('doomed', 'fresh');
    assert.equal(again.value, 'fresh');
    assert.equal((await collect(h.secrets.listPropertiesOfSecretVersions('doomed'))).length, 1);
  });

  test('setting a deleted name is 409 ObjectIsDeletedButRecoverable', async () => {
    await h.secrets.setSecret('taken', 'v');
    await (await h.secrets.beginDeleteSecret('taken', { intervalInMs: 2 })).pollUntilDone();
    await rejectsWith(h.secrets.setSecret('taken', 'v2'), 409, 'Conflict', 'ObjectIsDeletedButRecoverable');
  });

  test('deleting, recovering or purging what does not exist is 404', async () => {
    await rejectsWith(h.secrets.beginDeleteSecret('ghost'), 404, 'SecretNotFound');
    await rejectsWith(h.secrets.purgeDeletedSecret('ghost'), 404, 'SecretNotFound');
    await rejectsWith(h.secrets.beginRecoverDeletedSecret('ghost', { intervalInMs: 2 }), 404, 'SecretNotFound');
  });
});

describe('backup and restore', () => {
  test('a backup restores every version into an empty vault; restoring an existing name is 409', async () => {
    const other = await startHarness({ vaults: ['restore-target'] });
    try {
      const v1 = await h.secrets.setSecret('backed-up', 'first', { contentType: 'text/plain', tags: { t: '1' } });
      await h.secrets.setSecret('backed-up', 'second');
      const blob = await h.secrets.backupSecret('backed-up');
      assert.ok(blob instanceof Uint8Array && blob.length > 0);

      const restored = await other.secrets.restoreSecretBackup(blob);
      assert.equal(restored.name, 'backed-up');
      assert.equal(restored.vaultUrl, other.url);
      assert.equal((await other.secrets.getSecret('backed-up')).value, 'second');
      const old = await other.secrets.getSecret('backed-up', { version: v1.properties.version });
      assert.equal(old.value, 'first');
      assert.equal(old.properties.contentType, 'text/plain');
      assert.equal((await collect(other.secrets.listPropertiesOfSecretVersions('backed-up'))).length, 2);

      await rejectsWith(other.secrets.restoreSecretBackup(blob), 409, 'Conflict');
      assert.deepEqual(other.recorder.validate().problems, []);
    } finally {
      await other.stop();
    }
  });

  test('a corrupt blob is a 400, and backup of an unknown secret is 404', async () => {
    await rejectsWith(h.secrets.restoreSecretBackup(new Uint8Array([1, 2, 3])), 400, 'BadParameter');
    await rejectsWith(h.secrets.backupSecret('not-there'), 404, 'SecretNotFound');
  });
});

checkConformanceAfterAll(() => h.recorder.validate(), {
  moreThan: 50,
  operations: ['SetSecret 200', 'GetSecret 200', 'GetSecret 403', 'GetSecrets 200', 'DeleteSecret 200', 'PurgeDeletedSecret 204', 'BackupSecret 200'],
});
