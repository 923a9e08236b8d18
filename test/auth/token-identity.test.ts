// "Who am I" from token claims: users by UPN, managed identities by resource name, apps by id.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeTokenClaims, identityFromClaims, identityFromToken } from '../../src/auth/token-identity.js';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const tid = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const oid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('identityFromToken', () => {
  test('a user is shown by UPN, with tenant and object id', () => {
    assert.deepEqual(identityFromToken(jwt({ upn: 'alice@contoso.com', unique_name: 'other', tid, oid }), 'AzureCliCredential'), {
      display: 'alice@contoso.com',
      tenantId: tid,
      objectId: oid,
      credential: 'AzureCliCredential',
    });
    assert.equal(identityFromToken(jwt({ unique_name: 'live.com#bob@example.com', oid }))?.display, 'live.com#bob@example.com');
  });

  test('a user-assigned managed identity is shown by its name from xms_mirid', () => {
    const mirid = '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders-api-id';
    assert.equal(identityFromToken(jwt({ xms_mirid: mirid, appid: 'a', oid, tid }))?.display, 'orders-api-id');
  });

  test("a VM's system-assigned identity is shown as the VM's system identity", () => {
    const mirid = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/jump-box-01';
    assert.equal(identityFromToken(jwt({ xms_mirid: mirid, appid: 'a', oid }))?.display, 'jump-box-01 (system identity)');
  });

  test('an app without a name is shown by app id; a token with only an oid by that', () => {
    assert.equal(identityFromClaims({ appid: 'e0e7a3c5-0000-0000-0000-000000000000' }).display, 'app e0e7a3c5-0000-0000-0000-000000000000');
    assert.equal(identityFromClaims({ appid: 'x', name: 'deploy-bot' }).display, 'deploy-bot');
    assert.equal(identityFromClaims({ oid }).display, oid);
    assert.equal(identityFromClaims({}).display, 'unknown identity');
  });

  test('tokens that are not JWTs give no identity', () => {
    assert.equal(identityFromToken('opaque-token'), undefined);
    assert.equal(identityFromToken('a.!!!.c'), undefined);
    assert.equal(decodeTokenClaims(`a.${Buffer.from('[1]').toString('base64url')}.c`), undefined);
  });

  test('claims of the wrong type are ignored', () => {
    assert.deepEqual(decodeTokenClaims(jwt({ upn: 42, oid })), { oid });
  });
});
