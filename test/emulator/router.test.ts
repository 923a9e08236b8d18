import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RouteModule } from '../../src/emulator/router.js';
import { Router } from '../../src/emulator/router.js';

const handler = () => ({ status: 200 });
const mod: RouteModule = {
  name: 'things',
  routes: [
    { method: 'GET', pattern: '/things/{name}/{version?}', permission: 'things/get', handler },
    { method: 'GET', pattern: '/things/{name}/versions', permission: 'things/list', handler },
    { method: 'POST', pattern: '/things/restore', permission: 'things/restore', handler },
    { method: 'PUT', pattern: '/things/{name}', permission: 'things/set', handler },
  ],
};
const router = new Router([mod]);

function found(method: string, path: string) {
  const m = router.match(method, path);
  assert.equal(m.kind, 'found', `${method} ${path}`);
  return m as Extract<typeof m, { kind: 'found' }>;
}

test('an optional last segment matches absent, empty and given', () => {
  assert.deepEqual(found('GET', '/things/a').params, { name: 'a', version: '' });
  assert.deepEqual(found('GET', '/things/a/').params, { name: 'a', version: '' });
  assert.deepEqual(found('GET', '/things/a/v1').params, { name: 'a', version: 'v1' });
});

test('a trailing slash matches the pattern without it', () => {
  assert.equal(found('PUT', '/things/a/').route.permission, 'things/set');
  assert.deepEqual(router.match('GET', '/things/a/v1/'), found('GET', '/things/a/v1'));
});

test('the most literal pattern wins', () => {
  assert.equal(found('GET', '/things/a/versions').route.permission, 'things/list');
  assert.equal(found('POST', '/things/restore').route.permission, 'things/restore');
});

test('parameters are percent-decoded and literals ignore case', () => {
  assert.equal(found('GET', '/Things/a%2Db/').params.name, 'a-b');
});

test('a known path with another method reports the allowed methods; an unknown path is not found', () => {
  assert.deepEqual(router.match('DELETE', '/things/a'), { kind: 'method-not-allowed', allowed: ['GET', 'PUT'] });
  assert.deepEqual(router.match('GET', '/others'), { kind: 'not-found' });
  assert.deepEqual(router.match('GET', '/things/a/b/c'), { kind: 'not-found' });
  assert.deepEqual(router.match('GET', '/things/%E0%A4%A'), { kind: 'not-found' });
});
