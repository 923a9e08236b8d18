// Conformance: a full secrets lifecycle, errors included, with the SDK client at every
// api-version it supports; every response body the client receives must match the schema
// that secrets.json documents for that operation and status, and every documented secrets
// operation must have been exercised.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import type { Harness } from './support/emulator-harness.js';
import { collect, startHarness } from './support/emulator-harness.js';
import { SPEC_DIR } from './support/openapi-validator.js';

const VERSIONS: NonNullable<SecretClientOptions['serviceVersion']>[] = ['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01', '2026-04-01'];

let h: Harness;

before(async () => {
  h = await startHarness({ vaults: ['conformance'], seed: 'empty', deleteDelayMs: 3 });
});

after(async () => {
  await h?.stop();
});

async function swallow(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}

async function lifecycle(version: NonNullable<SecretClientOptions['serviceVersion']>): Promise<void> {
  const c = h.secretClient(undefined, { serviceVersion: version });
  const name = `s-${version.replace(/\./g, '-')}`;
  const first = await c.setSecret(name, 'v1', { contentType: 'text/plain', tags: { a: 'b' }, expiresOn: new Date('2030-01-01T00:00:00Z') });
  await c.setSecret(name, 'v2', { enabled: false });
  await c.getSecret(name, { version: first.properties.version });
  await swallow(c.getSecret(name)); // 403 SecretDisabled
  await c.updateSecretProperties(name, first.properties.version ?? '', { tags: { c: 'd' } });
  await collect(c.listPropertiesOfSecrets().byPage({ maxPageSize: 1 }));
  await collect(c.listPropertiesOfSecretVersions(name).byPage({ maxPageSize: 1 }));
  const blob = await c.backupSecret(name);
  await (await c.beginDeleteSecret(name, { intervalInMs: 1 })).pollUntilDone();
  await c.getDeletedSecret(name);
  await collect(c.listDeletedSecrets().byPage({ maxPageSize: 1 }));
  await swallow(c.setSecret(name, 'clash')); // 409
  await (await c.beginRecoverDeletedSecret(name, { intervalInMs: 1 })).pollUntilDone();
  await (await c.beginDeleteSecret(name, { intervalInMs: 1 })).pollUntilDone();
  await c.purgeDeletedSecret(name);
  if (blob) await c.restoreSecretBackup(blob);
  await swallow(c.restoreSecretBackup(blob ?? new Uint8Array())); // 409
  await swallow(c.getSecret('missing-secret')); // 404
  await swallow(c.setSecret('bad_name', 'v')); // 400
}

test('a full secrets lifecycle at every api-version returns only documented bodies', async () => {
  for (const version of VERSIONS) await lifecycle(version);
  const versionsSeen = new Set(h.recorder.records.map((r) => new URL(r.url).searchParams.get('api-version')));
  assert.deepEqual([...versionsSeen].sort(), [...VERSIONS].sort());

  const { checked, operations, problems } = h.recorder.validate();
  assert.deepEqual(problems, []);
  assert.ok(checked > 200, `${checked} responses`);

  const spec = JSON.parse(readFileSync(path.join(SPEC_DIR, 'secrets.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const documented = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  const exercised = new Set([...operations].map((o) => o.split(' ')[0]));
  for (const op of documented) assert.ok(exercised.has(String(op)), `${op} was never exercised`);
  for (const expected of ['GetSecret 403', 'SetSecret 409', 'GetSecret 404', 'SetSecret 400', 'RestoreSecret 409', 'GetDeletedSecret 404']) {
    assert.ok(operations.has(expected), `${expected} was never checked`);
  }
});

test('the validator catches a body that breaks the schema', async () => {
  const { OpenApiValidator } = await import('./support/openapi-validator.js');
  const v = new OpenApiValidator();
  const url = 'https://127.0.0.1:1/secrets/x/?api-version=7.6';
  assert.deepEqual(v.check({ method: 'GET', url, status: 200, body: '{"value":"v","id":"i","attributes":{"enabled":true}}' }).problems, []);
  assert.notDeepEqual(v.check({ method: 'GET', url, status: 200, body: '{"value":1}' }).problems, []);
  assert.notDeepEqual(v.check({ method: 'GET', url, status: 200, body: '{"value":"v","unknownField":true}' }).problems, []);
  assert.notDeepEqual(v.check({ method: 'GET', url, status: 200, body: '{"value":"v","attributes":{"created":"yesterday"}}' }).problems, []);
  assert.notDeepEqual(v.check({ method: 'DELETE', url: 'https://127.0.0.1:1/deletedsecrets/x?api-version=7.6', status: 204, body: '{}' }).problems, []);
  assert.notDeepEqual(v.check({ method: 'GET', url: 'https://127.0.0.1:1/nothing', status: 200, body: '{}' }).problems, []);
});
