// Access policies as data: parsing with messages that say what is allowed, the defaults
// (kvx-reader may not list certificates), and the permission check.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessPolicyStore, defaultAccessPolicies, parseAccessPolicies } from '../../../src/emulator/access/access-policies.js';
import { forbiddenMessage } from '../../../src/emulator/access/access-control.js';
import { canonicalPermissions, PERMISSIONS } from '../../../src/emulator/access/permissions.js';
import { createIdentityRegistry } from '../../../src/emulator/identity/index.js';
import { routeModules } from '../../../src/emulator/routes.js';

const identities = createIdentityRegistry();
const caller = (name: string) => {
  const who = identities.byName(name);
  return { tenantId: identities.tenantId, objectId: who.objectId };
};

describe('permission names', () => {
  test('every route asks for a permission the service has for its collection', () => {
    for (const mod of routeModules) {
      for (const route of mod.routes) {
        const [collection, operation] = route.permission.split('/') as [keyof typeof PERMISSIONS, string];
        assert.ok(PERMISSIONS[collection]?.includes(operation), `${route.method} ${route.pattern}: ${route.permission}`);
      }
    }
  });

  test('names match case-insensitively and come back spelt as the service spells them; all expands', () => {
    assert.deepEqual(canonicalPermissions('keys', ['WRAPKEY', 'get', 'get']), ['wrapKey', 'get']);
    assert.deepEqual(canonicalPermissions('secrets', ['all']), [...PERMISSIONS.secrets]);
    assert.throws(() => canonicalPermissions('certificates', ['sign']), /Unknown certificates permission 'sign'; allowed: get, list, .*managecontacts.*\(or all\)/);
  });
});

describe('parseAccessPolicies', () => {
  test('resolves identity names and object ids into ARM-shaped entries', () => {
    const reader = identities.byName('kvx-reader');
    const [byName, byId, foreign] = parseAccessPolicies(
      [
        { identity: 'kvx-reader', permissions: { secrets: ['get'] } },
        { objectId: identities.byName('kvx-app').objectId.toUpperCase(), permissions: { keys: ['sign'] } },
        { objectId: '11111111-2222-3333-4444-555555555555', tenantId: '99999999-2222-3333-4444-555555555555', permissions: {} },
      ],
      identities,
    );
    assert.deepEqual(byName, {
      tenantId: identities.tenantId,
      objectId: reader.objectId,
      identity: 'kvx-reader',
      permissions: { secrets: ['get'], keys: [], certificates: [] },
    });
    assert.equal(byId.identity, 'kvx-app');
    assert.equal(foreign.identity, undefined);
    assert.equal(foreign.tenantId, '99999999-2222-3333-4444-555555555555');
  });

  test('bad input is refused naming the entry and what is allowed', () => {
    const cases: [unknown, RegExp][] = [
      [{}, /must be a list like/],
      [['x'], /Access policy 1 must be an object/],
      [[{ permissions: {} }], /Access policy 1: give exactly one of "identity" or "objectId"/],
      [[{ identity: 'bob', permissions: {} }], /no identity named 'bob'; known: system, kvx-app, kvx-reader, alice/],
      [[{ objectId: 'abc', permissions: {} }], /"objectId" must be a GUID/],
      [[{ identity: 'alice', permissions: { storage: ['get'] } }], /unknown collection 'storage' in "permissions"; allowed: secrets, keys, certificates/],
      [[{ identity: 'alice', permissions: { secrets: 'get' } }], /permissions.secrets must be a list of names/],
      [[{ identity: 'alice', permissions: {}, role: 'x' }], /unknown field 'role'; allowed: identity, objectId, tenantId, permissions/],
      [[{ identity: 'alice', permissions: {} }, { identity: 'alice', permissions: {} }], /Access policy 2: alice already has a policy/],
    ];
    for (const [input, message] of cases) assert.throws(() => parseAccessPolicies(input, identities), message, JSON.stringify(input));
  });
});

describe('defaults and checks', () => {
  const store = new AccessPolicyStore();
  store.set('Demo-Vault', defaultAccessPolicies(identities));

  test('system, kvx-app and the user hold every permission', () => {
    for (const name of ['system', 'kvx-app', 'alice']) {
      for (const permission of ['secrets/purge', 'keys/unwrapKey', 'certificates/list', 'certificates/manageissuers']) {
        assert.ok(store.allows('demo-vault', caller(name), permission), `${name} ${permission}`);
      }
    }
  });

  test('kvx-reader may get and list secrets and keys, get certificates, and nothing else', () => {
    const reader = caller('kvx-reader');
    for (const permission of ['secrets/get', 'secrets/list', 'keys/get', 'keys/list', 'certificates/get']) {
      assert.ok(store.allows('demo-vault', reader, permission), permission);
    }
    for (const permission of ['certificates/list', 'secrets/set', 'keys/sign', 'keys/create', 'secrets/purge']) {
      assert.ok(!store.allows('demo-vault', reader, permission), permission);
    }
  });

  test('another tenant, an unknown object, an unknown vault or a non-policy collection is refused', () => {
    const app = caller('kvx-app');
    assert.ok(!store.allows('demo-vault', { ...app, tenantId: '99999999-2222-3333-4444-555555555555' }, 'secrets/get'));
    assert.ok(!store.allows('demo-vault', { ...app, objectId: '11111111-2222-3333-4444-555555555555' }, 'secrets/get'));
    assert.ok(!store.allows('other-vault', app, 'secrets/get'));
    assert.ok(!store.allows('demo-vault', app, 'storage/get'));
    assert.ok(!store.allows('demo-vault', app, 'admin'));
  });

  test('the store hands out copies: changing one does not change the vault', () => {
    const copy = store.get('demo-vault');
    copy[0].permissions.secrets = [];
    assert.ok(store.allows('demo-vault', caller('system'), 'secrets/get'));
  });

  test('the 403 message has the service wording that names caller and permission', () => {
    const message = forbiddenMessage(
      { appId: 'a', objectId: 'o', tenantId: 't', issuer: 'https://sts.windows.net/t/' },
      'certificates/list',
      'Demo-Vault',
      'westeurope',
    );
    assert.equal(
      message,
      "The user, group or application 'appid=a;oid=o;iss=https://sts.windows.net/t/' does not have certificates list permission on key vault 'demo-vault;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
    );
  });
});
