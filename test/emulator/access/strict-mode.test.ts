// Strict mode through the real SDK clients: tokens come from the emulator's own IMDS endpoint
// via ManagedIdentityCredential (this file runs in its own process, so its environment can
// point there); foreign tokens get 401, missing access-policy permissions get the service's
// 403, and every response is checked against the REST spec.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import type { RestError } from '@azure/core-rest-pipeline';
import type { AccessPolicy, Emulator } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { routeModules } from '../../../src/emulator/routes.js';
import { collect, TEST_TLS_CACHE, testCredential } from '../support/emulator-harness.js';
import type { RawResponse } from '../support/raw-request.js';
import { rawRequest } from '../support/raw-request.js';
import { ResponseRecorder } from '../support/response-recorder.js';
import { checkConformanceAfterAll } from '../support/conformance-after-all.js';

const recorder = new ResponseRecorder();
let emu: Emulator;
let url: string;

before(async () => {
  emu = await startEmulator({ vaults: ['strict-vault'], strict: true, tlsCacheDir: TEST_TLS_CACHE });
  url = emu.vaults[0].url;
  // ManagedIdentityCredential reads its endpoint from the environment when constructed.
  Object.assign(process.env, emu.env);
});
after(() => emu.stop());

function options() {
  return {
    tlsOptions: { ca: emu.caPem },
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' as const }],
  };
}

/** A real managed-identity credential for one of the emulator's identities ('system' = no client id). */
function credentialOf(name: string): TokenCredential {
  if (name === 'system') return new ManagedIdentityCredential();
  return new ManagedIdentityCredential({ clientId: emu.identity.identities.byName(name).clientId });
}

const secretsAs = (name: string) => new SecretClient(url, credentialOf(name), options());
const keysAs = (name: string) => new KeyClient(url, credentialOf(name), options());

async function raw(path: string, init: Parameters<typeof rawRequest>[1]): Promise<RawResponse> {
  const res = await rawRequest(url + path, init);
  recorder.records.push({ method: init.method ?? 'GET', url: url + path, status: res.status, body: res.text });
  return res;
}

function errorOf(res: RawResponse): { code: string; message: string; innererror?: { code: string } } {
  return (res.json as { error: { code: string; message: string; innererror?: { code: string } } }).error;
}

/** The service's access-policy denial for an emulator identity, exactly as worded. */
function denial(name: string, permission: string): RegExp {
  const who = emu.identity.identities.byName(name);
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^The user, group or application '${escaped(`appid=${who.clientId};oid=${who.objectId};iss=https://sts.windows.net/${emu.tenantId}/`)}' ` +
      `does not have ${escaped(permission)} permission on key vault 'strict-vault;location=westeurope'\\. ` +
      `For help resolving this issue, please see https://go\\.microsoft\\.com/fwlink/\\?linkid=2125287$`,
  );
}

/** The message of the last 403 received (paging errors do not carry the service's message). */
function lastDenial(): string {
  const denied = recorder.records.filter((r) => r.status === 403).at(-1);
  return (JSON.parse(denied?.body ?? '{}') as { error?: { message?: string } }).error?.message ?? '';
}

describe('tokens in strict mode', () => {
  test('a token the emulator did not mint gets 401 with the challenge and a JSON body', async () => {
    await assert.rejects(new SecretClient(url, testCredential, options()).getSecret('any'), (err: RestError) => err.statusCode === 401);
    const res = await raw('/secrets?api-version=7.6', { ca: emu.caPem, token: 'kvx-test-token' });
    assert.equal(res.status, 401);
    assert.match(String(res.headers['www-authenticate']), new RegExp(`authorization="https://login.microsoftonline.com/${emu.tenantId}"`));
    assert.equal(errorOf(res).code, 'Unauthorized');
    assert.match(errorOf(res).message, /^AKV10000: The bearer token is not a JWT/);
    assert.ok(!res.text.includes('kvx-test-token'), 'the token is never echoed');
  });

  test('a JWT from another issuer is 401 naming the expected issuer', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const foreign = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://sts.windows.net/other/', aud: 'https://vault.azure.net' })}.c2ln`;
    const res = await raw('/secrets?api-version=7.6', { ca: emu.caPem, token: foreign });
    assert.equal(res.status, 401);
    assert.equal(errorOf(res).message, `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${emu.tenantId}/, found https://sts.windows.net/other/.`);
  });

  test('an emulator token for ARM is 401 naming the expected audience', async () => {
    const { token } = await emu.identity.mintToken('kvx-app', 'https://management.azure.com');
    const res = await raw('/secrets?api-version=7.6', { ca: emu.caPem, token });
    assert.equal(res.status, 401);
    assert.equal(errorOf(res).message, 'AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com.');
  });

  test('an emulator token with a character appended to its signature is 401', async () => {
    const { token } = await emu.identity.mintToken('kvx-app', 'https://vault.azure.net');
    assert.equal((await raw('/secrets?api-version=7.6', { ca: emu.caPem, token })).status, 200);
    for (const suffix of ['=', '!', '~']) {
      const res = await raw('/secrets?api-version=7.6', { ca: emu.caPem, token: token + suffix });
      assert.equal(res.status, 401, `signature + ${suffix}`);
      assert.equal(errorOf(res).code, 'Unauthorized');
    }
  });

  test('an expired emulator token is 401', async () => {
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 86_400;
    const { token } = await emu.identity.mintToken('kvx-app', 'https://vault.azure.net', { issuedAt: twoDaysAgo, lifetimeSeconds: 3600 });
    const res = await raw('/secrets?api-version=7.6', { ca: emu.caPem, token });
    assert.equal(res.status, 401);
    assert.match(errorOf(res).message, /expired/);
  });
});

describe('access policies in strict mode', () => {
  // Each test starts from the vault's default policies (the admin test changes them) and
  // writes, as kvx-app, what it reads.
  let defaults: { objectId: string; tenantId: string; permissions: AccessPolicy['permissions'] }[];
  before(() => {
    defaults = emu.accessPolicies('strict-vault').map((p) => ({ objectId: p.objectId, tenantId: p.tenantId, permissions: p.permissions }));
  });
  beforeEach(() => {
    emu.setAccessPolicies('strict-vault', defaults);
  });
  const seed = async () => {
    await secretsAs('kvx-app').setSecret('db-password', 'app-value');
    await keysAs('kvx-app').createRsaKey('signing-key');
  };

  test('kvx-app may write, read, list and delete secrets, and create and use keys', async () => {
    const secrets = secretsAs('kvx-app');
    await secrets.setSecret('db-password', 'app-value');
    assert.equal((await secrets.getSecret('db-password')).value, 'app-value');
    assert.ok((await collect(secrets.listPropertiesOfSecrets())).some((s) => s.name === 'db-password'));
    const keys = keysAs('kvx-app');
    const key = await keys.createRsaKey('signing-key');
    assert.equal(key.name, 'signing-key');
    await (await secrets.beginDeleteSecret('db-password', { intervalInMs: 2 })).pollUntilDone();
    await secrets.purgeDeletedSecret('db-password');
    await secrets.setSecret('db-password', 'app-value');
  });

  test('the system-assigned identity and the user have every permission too', async () => {
    await seed();
    assert.equal((await secretsAs('system').getSecret('db-password')).value, 'app-value');
    await secretsAs('alice').setSecret('alice-note', 'hello');
    assert.ok((await collect(keysAs('alice').listPropertiesOfKeys())).some((k) => k.name === 'signing-key'));
  });

  test('kvx-reader reads secrets and keys; each write is 403 ForbiddenByPolicy naming the permission and the caller', async () => {
    await seed();
    const secrets = secretsAs('kvx-reader');
    assert.equal((await secrets.getSecret('db-password')).value, 'app-value');
    assert.ok((await collect(secrets.listPropertiesOfSecrets())).length >= 1);
    assert.ok((await collect(keysAs('kvx-reader').listPropertiesOfKeys())).some((k) => k.name === 'signing-key'));

    await assert.rejects(secrets.setSecret('db-password', 'x'), (err: RestError) => {
      assert.equal(err.statusCode, 403);
      assert.equal(err.code, 'Forbidden');
      assert.match(err.message, denial('kvx-reader', 'secrets set'));
      return true;
    });
    const denied = recorder.records.filter((r) => r.status === 403).at(-1);
    assert.equal(JSON.parse(denied?.body ?? '{}').error.innererror.code, 'ForbiddenByPolicy');
    await assert.rejects(secrets.beginDeleteSecret('db-password'), (err: RestError) => denial('kvx-reader', 'secrets delete').test(err.message));
    await assert.rejects(keysAs('kvx-reader').createEcKey('nope'), (err: RestError) => denial('kvx-reader', 'keys create').test(err.message));
    assert.equal((await secretsAs('kvx-app').getSecret('db-password')).value, 'app-value', 'nothing changed');
  });

  const certificateRoutes = routeModules.some((m) => m.routes.some((r) => r.permission === 'certificates/list'));
  test(
    'kvx-reader listing certificates is 403 naming certificates list',
    { skip: certificateRoutes ? false : 'the certificates routes are not registered yet' },
    async () => {
      const certificates = new CertificateClient(url, credentialOf('kvx-reader'), options());
      await assert.rejects(collect(certificates.listPropertiesOfCertificates()), (err: RestError) => err.statusCode === 403);
      assert.match(lastDenial(), denial('kvx-reader', 'certificates list'));
      await collect(new CertificateClient(url, credentialOf('kvx-app'), options()).listPropertiesOfCertificates());
    },
  );

  test('the admin API shows and changes a vault policy; the change applies to the next request', async () => {
    const admin = (method: string, body?: object) =>
      rawRequest(`${url}/_emulator/access-policies`, { method, ca: emu.caPem, token: emu.adminToken, ...(body ? { body: JSON.stringify(body) } : {}) });
    const shown = (await admin('GET')).json as { strict: boolean; accessPolicies: { identity?: string; permissions: Record<string, string[]> }[] };
    assert.equal(shown.strict, true);
    const reader = shown.accessPolicies.find((p) => p.identity === 'kvx-reader');
    assert.deepEqual(reader?.permissions, { secrets: ['get', 'list'], keys: ['get', 'list'], certificates: ['get'] });

    const patched = await admin('PATCH', { accessPolicies: [{ identity: 'kvx-reader', permissions: { secrets: ['get', 'list', 'set'] } }] });
    assert.equal(patched.status, 200);
    await secretsAs('kvx-reader').setSecret('reader-wrote', 'ok');
    // PATCH replaced the reader's whole entry: no keys permissions any more.
    await assert.rejects(collect(keysAs('kvx-reader').listPropertiesOfKeys()), (err: RestError) => err.statusCode === 403);
    assert.match(lastDenial(), denial('kvx-reader', 'keys list'));

    const bad = await admin('PUT', { accessPolicies: [{ identity: 'kvx-reader', permissions: { secrets: ['read'] } }] });
    assert.equal(bad.status, 400);
    assert.match(errorOf(bad).message, /Unknown secrets permission 'read'; allowed: get, list, set, delete, recover, backup, restore, purge/);

    emu.setAccessPolicies('strict-vault', [{ identity: 'kvx-app', permissions: { secrets: ['all'] } }]);
    await assert.rejects(secretsAs('alice').getSecret('reader-wrote'), (err: RestError) => denial('alice', 'secrets get').test(err.message));
    assert.throws(() => emu.setAccessPolicies('strict-vault', [{ identity: 'bob', permissions: {} }]), /no identity named 'bob'; known: system, kvx-app, kvx-reader, alice/);
    assert.throws(() => emu.setAccessPolicies('nope-vault', []), /No vault named 'nope-vault'/);
  });
});

describe('without strict mode', () => {
  test('any bearer token is accepted and policies are not enforced', async () => {
    const loose = await startEmulator({ vaults: ['loose-vault'], tlsCacheDir: TEST_TLS_CACHE });
    try {
      assert.equal(loose.strict, false);
      const opts = { ...options(), tlsOptions: { ca: loose.caPem } };
      await new SecretClient(loose.vaults[0].url, testCredential, opts).setSecret('s', 'v');
      // A real kvx-reader token minted by this emulator, without ManagedIdentityCredential: MSAL
      // keeps its managed-identity endpoint and tokens per process, and the strict vault's
      // tests must keep getting theirs whatever order the tests run in.
      const minted = await loose.identity.mintToken('kvx-reader', 'https://vault.azure.net');
      const reader: TokenCredential = { getToken: async () => ({ token: minted.token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
      await new SecretClient(loose.vaults[0].url, reader, opts).setSecret('s', 'w');
    } finally {
      await loose.stop();
    }
  });
});

checkConformanceAfterAll(() => recorder.validate(), { moreThan: 20 });
