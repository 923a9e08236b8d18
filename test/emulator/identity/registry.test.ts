import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIdentityRegistry } from '../../../src/emulator/identity/registry.js';

describe('identity registry', () => {
  it('has a system-assigned identity, two user-assigned ones and a user, with stable ids', () => {
    const a = createIdentityRegistry();
    const b = createIdentityRegistry();
    assert.deepEqual(
      a.all.map((i) => [i.kind, i.name]),
      [
        ['system-assigned', 'system'],
        ['user-assigned', 'kvx-app'],
        ['user-assigned', 'kvx-reader'],
        ['user', 'alice'],
      ],
    );
    assert.deepEqual(a.all, b.all);
    assert.equal(new Set(a.all.flatMap((i) => [i.clientId, i.objectId])).size, 8);
    assert.match(a.tenantId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('finds identities by client id, object id or resource id (case-insensitive), system when none is named', () => {
    const r = createIdentityRegistry();
    const reader = r.byName('kvx-reader');
    assert.equal(r.find({}), r.system);
    assert.equal(r.find({ clientId: reader.clientId.toUpperCase() }), reader);
    assert.equal(r.find({ objectId: reader.objectId }), reader);
    assert.equal(r.find({ resourceId: reader.resourceId?.toUpperCase() }), reader);
    assert.equal(r.find({ clientId: 'nope' }), undefined);
  });

  it('follows the options and rejects bad ones clearly', () => {
    const r = createIdentityRegistry({
      tenantId: '11111111-2222-3333-4444-555555555555',
      subscriptionId: '66666666-7777-8888-9999-000000000000',
      resourceGroup: 'rg1',
      userAssigned: ['ops'],
      userUpn: 'bob@contoso.com',
    });
    assert.equal(r.tenantId, '11111111-2222-3333-4444-555555555555');
    assert.equal(r.byName('ops').resourceId, '/subscriptions/66666666-7777-8888-9999-000000000000/resourcegroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ops');
    assert.equal(r.byName('bob').upn, 'bob@contoso.com');
    assert.throws(() => r.byName('kvx-app'), /known are system, ops, bob/);
    assert.throws(() => createIdentityRegistry({ tenantId: 'contoso' }), /tenantId must be a GUID/);
    assert.throws(() => createIdentityRegistry({ userAssigned: ['a b'] }), /is invalid: use 3–128 letters/);
    assert.throws(() => createIdentityRegistry({ userAssigned: ['system'] }), /used twice/);
    assert.throws(() => createIdentityRegistry({ userUpn: 'bob' }), /name@domain/);
  });
});
