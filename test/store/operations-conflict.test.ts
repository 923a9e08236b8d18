import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestError, createHttpHeaders } from '@azure/core-rest-pipeline';
import { classifyError } from '../../src/store/classify-error.js';
import { explainOperationError } from '../../src/store/operations-conflict.js';
import type { Operation } from '../../src/store/types.js';

const op = (kind: Operation['kind']): Operation => ({
  id: 'op-1', kind, collection: 'secrets', vault: 'v', vaultUrl: 'https://v.vault.azure.net', target: 'db-password', state: 'running', detail: 'creating', startedAt: 0, updatedAt: 0, cancellable: false,
});

test('a 409 on re-creating a name just purged explains that the name stays reserved for a short while', () => {
  const err = new RestError('Secret db-password is currently being purged.', { statusCode: 409, code: 'Conflict', response: { headers: createHttpHeaders({}), status: 409, request: undefined as never } });
  const explained = explainOperationError(err, op('create'), (e) => classifyError(e));
  assert.equal(explained.class, 'conflict');
  assert.match(explained.message, /after a purge the service keeps it reserved for a short while; try again in a minute/);
  // Other operations keep the service's words.
  assert.match(explainOperationError(err, op('delete'), (e) => classifyError(e)).message, /^conflict: Secret db-password is currently being purged/);
});
