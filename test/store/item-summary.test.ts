// Item summaries are compact: items without tags share one empty tags object, a tag set is
// copied (the SDK's object is not kept), and equal times share one Date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SecretProperties } from '@azure/keyvault-secrets';
import { secretSummary } from '../../src/store/item-summary.js';

const vault = 'https://v.vault.azure.net';
const props = (name: string, extra: Partial<SecretProperties> = {}): SecretProperties =>
  ({ name, vaultUrl: vault, id: `${vault}/secrets/${name}`, enabled: true, ...extra }) as SecretProperties;

test('items without tags share one empty, frozen tags object', () => {
  const a = secretSummary(vault, props('a'));
  const b = secretSummary(vault, props('b', { tags: {} }));
  assert.deepEqual(a.tags, {});
  assert.equal(a.tags, b.tags);
  assert.ok(Object.isFrozen(a.tags));
});

test("an item's tags are its own copy, not the SDK's object", () => {
  const tags = { env: 'prod' };
  const a = secretSummary(vault, props('a', { tags }));
  assert.deepEqual(a.tags, { env: 'prod' });
  assert.notEqual(a.tags, tags);
});

test('content types and recovery levels are kept as given', () => {
  const a = secretSummary(vault, props('a', { contentType: 'text/plain', recoveryLevel: 'Recoverable+Purgeable' }));
  assert.equal(a.contentType, 'text/plain');
  assert.equal(a.recoveryLevel, 'Recoverable+Purgeable');
});

test('equal times share one Date: an update time equal to the creation time, and items written in the same second', () => {
  const created = new Date('2026-11-30T08:00:00Z');
  const a = secretSummary(vault, props('a', { createdOn: created, updatedOn: new Date(created.getTime()) }));
  const b = secretSummary(vault, props('b', { createdOn: new Date(created.getTime()), updatedOn: new Date('2026-11-30T09:30:00Z') }));
  assert.equal(a.updatedOn, a.createdOn);
  assert.equal(b.createdOn, a.createdOn);
  assert.equal(b.updatedOn?.toISOString(), '2026-11-30T09:30:00.000Z');
  assert.notEqual(b.updatedOn, a.createdOn);
});

test('different times, even in the same second of another day, stay apart', () => {
  const a = secretSummary(vault, props('a', { createdOn: new Date('2026-11-30T08:00:00Z') }));
  // 4096 seconds later: the same slot of the table, another time.
  const b = secretSummary(vault, props('b', { createdOn: new Date(Date.parse('2026-11-30T08:00:00Z') + 4096_000) }));
  const c = secretSummary(vault, props('c', { createdOn: new Date('2026-11-30T08:00:00.250Z') }));
  assert.equal(a.createdOn?.toISOString(), '2026-11-30T08:00:00.000Z');
  assert.equal(b.createdOn?.toISOString(), '2026-11-30T09:08:16.000Z');
  assert.equal(c.createdOn?.toISOString(), '2026-11-30T08:00:00.250Z');
});

test("the id is versionless whether or not the SDK's id carries a version", () => {
  assert.equal(secretSummary(vault, props('a')).id, `${vault}/secrets/a`);
  assert.equal(secretSummary(vault, props('b', { id: `${vault}/secrets/b/0123456789abcdef`, version: '0123456789abcdef' })).id, `${vault}/secrets/b`);
});
