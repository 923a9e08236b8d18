import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { IdentityServer } from '../../../src/emulator/identity/token-server.js';
import { startIdentityServer } from '../../../src/emulator/identity/token-server.js';
import { decodeJwtClaims } from '../../../src/emulator/identity/jwt.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/get-token.ts', import.meta.url));
const VAULT_SCOPE = 'https://vault.azure.net/.default';

interface ChildResult {
  token?: string;
  expiresOnTimestamp?: number;
  error?: string;
  message?: string;
}

/**
 * Gets a token in a fresh process whose environment holds only what the server hands out
 * (plus PATH/HOME), so no developer credential on this machine can answer instead.
 */
async function tokenInChild(env: Record<string, string>, args: string[]): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000, // a bound so a hang fails the test instead of stalling the run
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

describe('identity token server', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer();
  });
  after(() => server.stop());

  function claimsOf(result: ChildResult): Record<string, unknown> {
    assert.ok(result.token, `expected a token, got ${JSON.stringify(result)}`);
    const claims = decodeJwtClaims(result.token);
    assert.ok(claims);
    return claims;
  }

  it('gives DefaultAzureCredential a system-assigned token through IMDS', async () => {
    const result = await tokenInChild(server.env, ['dac', VAULT_SCOPE]);
    const claims = claimsOf(result);
    const system = server.identities.system;
    assert.equal(claims.aud, 'https://vault.azure.net');
    assert.equal(claims.tid, server.tenantId);
    assert.equal(claims.oid, system.objectId);
    assert.equal(claims.appid, system.clientId);
    assert.equal(claims.xms_mirid, system.resourceId);
    assert.match(String(claims.xms_mirid), /\/providers\/Microsoft\.Compute\/virtualMachines\//);
    assert.equal(claims.upn, undefined);
    assert.ok((result.expiresOnTimestamp ?? 0) > Date.now() + 3_600_000, 'expires_on reached the client');
    assert.deepEqual(await server.verifyToken(result.token ?? '', 'https://vault.azure.net'), claims);
  });

  it('gives DefaultAzureCredential the user-assigned identity named by AZURE_CLIENT_ID', async () => {
    const app = server.identities.byName('kvx-app');
    const claims = claimsOf(await tokenInChild({ ...server.env, AZURE_CLIENT_ID: app.clientId }, ['dac', VAULT_SCOPE]));
    assert.equal(claims.oid, app.objectId);
    assert.match(String(claims.xms_mirid), /userAssignedIdentities\/kvx-app$/);
  });

  it('gives ManagedIdentityCredential system-assigned and user-assigned (by clientId) tokens through IMDS', async () => {
    const reader = server.identities.byName('kvx-reader');
    const [system, user] = await Promise.all([
      tokenInChild(server.env, ['mi', VAULT_SCOPE]),
      tokenInChild(server.env, ['mi', VAULT_SCOPE, reader.clientId]),
    ]);
    assert.equal(claimsOf(system).oid, server.identities.system.objectId);
    assert.equal(claimsOf(user).oid, reader.objectId);
    assert.equal(claimsOf(user).appid, reader.clientId);
  });

  it('serves the App Service style endpoint to ManagedIdentityCredential', async () => {
    const app = server.identities.byName('kvx-app');
    const [system, user] = await Promise.all([
      tokenInChild(server.appServiceEnv, ['mi', 'https://management.azure.com/.default']),
      tokenInChild(server.appServiceEnv, ['mi', VAULT_SCOPE, app.clientId]),
    ]);
    assert.equal(claimsOf(system).aud, 'https://management.azure.com');
    assert.equal(claimsOf(system).oid, server.identities.system.objectId);
    assert.equal(claimsOf(user).oid, app.objectId);
  });

  it('issues user tokens with a upn to the user identity', async () => {
    const user = server.identities.all.find((i) => i.kind === 'user');
    assert.ok(user);
    const claims = claimsOf(await tokenInChild(server.env, ['mi', VAULT_SCOPE, user.clientId]));
    assert.equal(claims.upn, user.upn);
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.xms_mirid, undefined);
  });

  it('tells ManagedIdentityCredential when the client id names no identity', async () => {
    const result = await tokenInChild(server.env, ['mi', VAULT_SCOPE, '00000000-0000-0000-0000-000000000001']);
    assert.equal(result.token, undefined);
    assert.match(result.message ?? '', /Identity not found/);
  });
});

describe('identity token server over raw HTTP', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ identityHeader: 'let-me-in' });
  });
  after(() => server.stop());

  async function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(server.url + path, { method, headers });
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers the IMDS path with and without a trailing slash', async () => {
    for (const path of ['/metadata/identity/oauth2/token', '/metadata/identity/oauth2/token/']) {
      const { status, body } = await get(`${path}?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net`, { Metadata: 'true' });
      assert.equal(status, 200);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.resource, 'https://vault.azure.net');
      assert.match(String(body.expires_on), /^\d+$/);
    }
  });

  it('rejects IMDS requests without the Metadata header, api-version or resource, with JSON errors', async () => {
    const noHeader = await get('/metadata/identity/oauth2/token');
    assert.equal(noHeader.status, 400);
    assert.deepEqual(noHeader.body, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
    const noVersion = await get('/metadata/identity/oauth2/token?resource=x', { Metadata: 'true' });
    assert.equal(noVersion.status, 400);
    assert.match(String(noVersion.body.error_description), /api-version/);
    const noResource = await get('/metadata/identity/oauth2/token?api-version=2018-02-01', { Metadata: 'true' });
    assert.equal(noResource.status, 400);
    assert.match(String(noResource.body.error_description), /resource/);
  });

  it('checks X-IDENTITY-HEADER and the api-version on the App Service endpoint', async () => {
    const query = '?api-version=2019-08-01&resource=https://vault.azure.net';
    const missing = await get(`/msi/token${query}`);
    assert.equal(missing.status, 401);
    assert.match(String(missing.body.message), /X-IDENTITY-HEADER is missing/);
    const wrong = await get(`/msi/token${query}`, { 'X-IDENTITY-HEADER': 'guess' });
    assert.equal(wrong.status, 401);
    const oldVersion = await get('/msi/token?api-version=2017-09-01&resource=x', { 'X-IDENTITY-HEADER': 'let-me-in' });
    assert.equal(oldVersion.status, 400);
    assert.match(String(oldVersion.body.message), /2019-08-01/);
    const ok = await get(`/msi/token${query}`, { 'X-IDENTITY-HEADER': 'let-me-in' });
    assert.equal(ok.status, 200);
  });

  it('picks identities by object_id and resource id too', async () => {
    const reader = server.identities.byName('kvx-reader');
    const base = '/metadata/identity/oauth2/token?api-version=2018-02-01&resource=r';
    const byObject = await get(`${base}&object_id=${reader.objectId}`, { Metadata: 'true' });
    const byResource = await get(`${base}&msi_res_id=${encodeURIComponent(reader.resourceId ?? '')}`, { Metadata: 'true' });
    assert.equal(decodeJwtClaims(String(byObject.body.access_token))?.oid, reader.objectId);
    assert.equal(decodeJwtClaims(String(byResource.body.access_token))?.oid, reader.objectId);
  });

  it('answers unknown paths with 404 and other methods with 405, both as JSON', async () => {
    assert.equal((await get('/nope')).status, 404);
    assert.equal((await get('/metadata/identity/oauth2/token', { Metadata: 'true' }, 'POST')).status, 405);
  });

  it('refuses to bind a non-loopback address', async () => {
    await assert.rejects(startIdentityServer({ host: '0.0.0.0' }), /binds loopback only/);
  });
});
