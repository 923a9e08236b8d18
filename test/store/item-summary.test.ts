// Item summaries are compact: items without tags share one empty tags object, and a tag set
// is copied (the SDK's object is not kept).
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
