// The generic store on its own (no server), with a clock the test moves.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { defineCollection } from '../../src/emulator/collection-spec.js';
import { ServiceError } from '../../src/emulator/errors.js';
import type { StoreSettings } from '../../src/emulator/store-settings.js';
import { ObjectStore } from '../../src/emulator/object-store.js';

interface Payload {
  material: string;
}

const spec = defineCollection<Payload, { policy: string }>({
  name: 'widgets',
  label: 'Widget',
  payloadCodec: {
    encode: (p) => ({ m: p.material }),
    decode: (j) => ({ material: String((j as { m: unknown }).m) }),
  },
});

let now: number;
let settings: StoreSettings;
let store: ObjectStore<Payload, { policy: string }>;

beforeEach(() => {
  now = Date.parse('2026-01-01T00:00:00Z');
  settings = { recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, deleteDelayMs: 100, purgeDelayMs: 50 };
  store = new ObjectStore(spec, () => settings, () => now);
});

function serviceError(fn: () => unknown, status: number, code: string, inner?: string): ServiceError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ServiceError, String(err));
    assert.equal(err.status, status);
    assert.equal(err.code, code);
    assert.equal(err.innerCode, inner);
    return err;
  }
  assert.fail(`expected ${status} ${code}`);
}

describe('versions', () => {
  test('create adds versions with 32 lowercase hex ids; the last is current', () => {
    const a = store.create('w', { payload: { material: 'a' } });
    const b = store.create('w', { payload: { material: 'b' } });
    assert.match(a.version.version, /^[0-9a-f]{32}$/);
    assert.notEqual(a.version.version, b.version.version);
    assert.equal(store.getVersion('w').payload.material, 'b');
    assert.equal(store.getVersion('w', a.version.version.toUpperCase()).payload.material, 'a');
    assert.equal(store.listVersions('w').length, 2);
  });

  test('attributes are epoch seconds from the clock, enabled by default', () => {
    const { version } = store.create('w', { payload: { material: 'a' }, attributes: { exp: 2_000_000_000 } });
    assert.deepEqual(version.attributes, { enabled: true, exp: 2_000_000_000, created: now / 1000, updated: now / 1000 });
    now += 5000;
    const updated = store.update('w', '', { attributes: { enabled: false }, tags: { t: '1' } });
    assert.equal(updated.attributes.updated, now / 1000);
    assert.equal(updated.attributes.created, (now - 5000) / 1000);
    assert.deepEqual(updated.tags, { t: '1' });
    assert.deepEqual(store.attributesJson(updated), {
      enabled: false,
      exp: 2_000_000_000,
      created: (now - 5000) / 1000,
      updated: now / 1000,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
    });
  });

  test('unknown names and versions are 404 with the collection code', () => {
    serviceError(() => store.getVersion('nope'), 404, 'WidgetNotFound');
    store.create('w', { payload: { material: 'a' } });
    serviceError(() => store.getVersion('w', 'a'.repeat(32)), 404, 'WidgetNotFound');
  });

  test('bad names are 400 saying what is allowed', () => {
    const err = serviceError(() => store.create('no spaces', { payload: { material: 'a' } }), 400, 'BadParameter');
    assert.match(err.message, /1 to 127 characters of 0-9, a-z, A-Z and '-'/);
    serviceError(() => store.create('x'.repeat(128), { payload: { material: 'a' } }), 400, 'BadParameter');
  });

  test('listLatest is sorted by name, ignoring case', () => {
    for (const n of ['b', 'A', 'c']) store.create(n, { payload: { material: n } });
    assert.deepEqual(store.listLatest().map((e) => e.object.name), ['A', 'b', 'c']);
  });
});

describe('soft delete', () => {
  test('a deleted object is invisible until the delete delay has passed, then recoverable', () => {
    store.create('w', { payload: { material: 'a' } });
    const entry = store.delete('w');
    assert.equal(entry.scheduledPurgeDate - entry.deletedDate, 90 * 86400);
    serviceError(() => store.getVersion('w'), 404, 'WidgetNotFound');
    serviceError(() => store.getDeleted('w'), 404, 'WidgetNotFound');
    assert.equal(store.listDeleted().length, 0);
    serviceError(() => store.create('w', { payload: { material: 'b' } }), 409, 'Conflict', 'ObjectIsBeingDeleted');
    serviceError(() => store.purge('w'), 409, 'Conflict', 'ObjectIsBeingDeleted');
    serviceError(() => store.recover('w'), 409, 'Conflict', 'ObjectIsBeingDeleted');
    now += 100;
    assert.equal(store.getDeleted('w').object.name, 'w');
    assert.equal(store.listDeleted().length, 1);
    serviceError(() => store.create('w', { payload: { material: 'b' } }), 409, 'Conflict', 'ObjectIsDeletedButRecoverable');
    store.recover('w');
    assert.equal(store.getVersion('w').payload.material, 'a');
  });

  test('a purge keeps the name taken for the purge delay', () => {
    store.create('w', { payload: { material: 'a' } });
    store.delete('w');
    now += 100;
    store.purge('w');
    serviceError(() => store.getDeleted('w'), 404, 'WidgetNotFound');
    serviceError(() => store.create('w', { payload: { material: 'b' } }), 409, 'Conflict', 'ObjectIsBeingDeleted');
    now += 50;
    store.create('w', { payload: { material: 'b' } });
  });

  test('purge is 403 on purge-protected levels', () => {
    settings.recoveryLevel = 'Recoverable';
    store.create('w', { payload: { material: 'a' } });
    store.delete('w');
    now += 100;
    const err = serviceError(() => store.purge('w'), 403, 'Forbidden');
    assert.match(err.message, /purge protection is enabled/);
  });

  test('without soft delete a delete is final and returns an unrecoverable entry', () => {
    settings.recoveryLevel = 'Purgeable';
    store.create('w', { payload: { material: 'a' } });
    const entry = store.delete('w');
    assert.equal(entry.recoverable, false);
    assert.deepEqual(store.deletionJson('https://v', entry), {});
    now += 1000;
    serviceError(() => store.getDeleted('w'), 404, 'WidgetNotFound');
    store.create('w', { payload: { material: 'b' } });
  });

  test('deleted objects disappear at their scheduled purge date', () => {
    store.create('w', { payload: { material: 'a' } });
    store.delete('w');
    now += 90 * 86_400_000;
    serviceError(() => store.getDeleted('w'), 404, 'WidgetNotFound');
  });

  test('deletionJson names the recovery id under /deleted<collection>', () => {
    store.create('w', { payload: { material: 'a' } });
    const entry = store.delete('w');
    assert.deepEqual(store.deletionJson('https://127.0.0.1:1', entry), {
      recoveryId: 'https://127.0.0.1:1/deletedwidgets/w',
      deletedDate: now / 1000,
      scheduledPurgeDate: now / 1000 + 90 * 86400,
    });
  });
});

describe('backup and restore', () => {
  test('a blob restores every version, tags and metadata through the codecs into another store', () => {
    const a = store.create('w', { payload: { material: 'a' }, tags: { t: '1' } });
    store.create('w', { payload: { material: 'b' } });
    store.setMeta('w', { policy: 'rotate' });
    const blob = store.backup('w');
    assert.match(blob, /^[A-Za-z0-9_-]+$/);
    assert.ok(!Buffer.from(blob, 'base64url').toString('latin1').includes('material'), 'blob is not plain JSON');

    const other = new ObjectStore(spec, () => settings, () => now);
    const restored = other.restore(blob);
    assert.equal(restored.versions.length, 2);
    assert.equal(other.getVersion('w', a.version.version).payload.material, 'a');
    assert.deepEqual(other.getVersion('w', a.version.version).tags, { t: '1' });
    assert.deepEqual(other.getObject('w').meta, { policy: 'rotate' });
    serviceError(() => other.restore(blob), 409, 'Conflict');
  });

  test('a blob from another collection or a corrupt one is 400', () => {
    const other = new ObjectStore(defineCollection<Payload>({ name: 'gadgets', label: 'Gadget' }), () => settings, () => now);
    other.create('g', { payload: { material: 'x' } });
    serviceError(() => store.restore(other.backup('g')), 400, 'BadParameter');
    serviceError(() => store.restore('not-a-blob'), 400, 'BadParameter');
  });

  test('restoring onto a deleted name is 409 ObjectIsDeletedButRecoverable', () => {
    store.create('w', { payload: { material: 'a' } });
    const blob = store.backup('w');
    store.delete('w');
    now += 100;
    serviceError(() => store.restore(blob), 409, 'Conflict', 'ObjectIsDeletedButRecoverable');
  });
});
