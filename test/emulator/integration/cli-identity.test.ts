// The whole thing as a user runs it: `kvx emulator --seed demo --strict` as a child process;
// its ready line's `env` exported into another process that uses DefaultAzureCredential and
// a SecretClient to read a demo secret (system-assigned, then kvx-reader by AZURE_CLIENT_ID);
// vault discovery through the ready line's armEndpoint with @azure/arm-keyvault.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import type { IdentityRegistry } from '../../../src/emulator/identity/index.js';
import { createIdentityRegistry } from '../../../src/emulator/identity/index.js';
import { collect } from '../support/emulator-harness.js';
import { ResponseRecorder } from '../support/response-recorder.js';
import { checkConformanceAfterAll } from '../support/conformance-after-all.js';
import { startEmulatorProcess } from '../support/emulator-process.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const cacheHome = path.join(repoRoot, '.kvx-test', 'xdg-cache');
const fixture = path.join(here, 'fixtures/read-first-secret.ts');

interface Ready {
  vaults: { name: string; url: string }[];
  caFile: string;
  tenantId: string;
  identityEndpoint: string;
  env: Record<string, string>;
  envs: { imds: Record<string, string>; appService: Record<string, string> };
  identities: { name: string; kind: string; clientId: string; objectId: string; resourceId?: string; upn?: string }[];
  armEndpoint: string;
  strict: boolean;
}

interface ChildResult {
  who?: { oid: string; appid: string; tid: string; xms_mirid: string };
  name?: string;
  valueLength?: number;
  setStatus?: number;
  error?: string;
  message?: string;
}

let child: ChildProcess;
let ready: Ready;
let ca: string;
let identities: IdentityRegistry;
const recorder = new ResponseRecorder();

before(async () => {
  ({ child, ready } = await startEmulatorProcess<Ready>(process.execPath, ['--import', 'tsx', path.join(here, '../support/run-emulator-cli.ts'), '--seed', 'demo', '--strict'], {
    cwd: repoRoot,
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  }));
  ca = readFileSync(ready.caFile, 'utf8');
  // The identities' ids derive from the tenant, so the test can know them without asking.
  identities = createIdentityRegistry({ tenantId: ready.tenantId });
  // ManagedIdentityCredential in this process (its own) reads the endpoint from here; set for
  // every test, not by the first one that needs it.
  Object.assign(process.env, ready.env);
});

after(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

/** Runs the client fixture with only PATH, HOME and the given environment, so no developer credential answers instead. */
async function clientProcess(env: Record<string, string>): Promise<ChildResult> {
  const vault = ready.vaults.find((v) => v.name === 'contoso-prod');
  assert.ok(vault);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture, vault.url, ready.caFile], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000, // a bound so a hang fails the test instead of stalling the run
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

describe('kvx emulator --strict as a process', () => {
  test('the ready line names the tenant, the identity endpoint, the env to export and the ARM endpoint', () => {
    assert.equal(ready.strict, true);
    assert.match(ready.tenantId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(ready.identityEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(ready.env, { AZURE_POD_IDENTITY_AUTHORITY_HOST: ready.identityEndpoint });
    assert.match(ready.armEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  test('the ready line lists every identity with its client, object and resource ids, and both env styles', () => {
    assert.deepEqual(
      ready.identities.map((i) => [i.name, i.kind, i.clientId, i.objectId, i.resourceId]),
      identities.all.map((i) => [i.name, i.kind, i.clientId, i.objectId, i.resourceId]),
    );
    assert.deepEqual(ready.envs.imds, ready.env);
    assert.deepEqual(Object.keys(ready.envs.appService).sort(), ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']);
    assert.ok(ready.envs.appService.IDENTITY_ENDPOINT.startsWith(ready.identityEndpoint));
  });

  test('a process exporting the App Service env with a client id from the ready line reads as that identity', async () => {
    const reader = ready.identities.find((i) => i.name === 'kvx-reader');
    assert.ok(reader);
    const result = await clientProcess({ ...ready.envs.appService, AZURE_CLIENT_ID: reader.clientId });
    assert.equal(result.error, undefined, result.message);
    assert.equal(result.who?.oid, reader.objectId);
    assert.equal(result.setStatus, 403);
  });

  test('a process exporting the ready env reads a demo secret with DefaultAzureCredential as the system-assigned identity', async () => {
    const result = await clientProcess(ready.env);
    assert.equal(result.error, undefined, result.message);
    assert.equal(result.who?.oid, identities.system.objectId);
    assert.equal(result.who?.tid, ready.tenantId);
    assert.equal(result.who?.xms_mirid, identities.system.resourceId);
    assert.ok((result.valueLength ?? 0) > 0, 'the secret has a value');
    assert.equal(result.setStatus, 200);
  });

  test('with AZURE_CLIENT_ID of kvx-reader the same process reads, and its write is refused with 403', async () => {
    const reader = identities.byName('kvx-reader');
    const result = await clientProcess({ ...ready.env, AZURE_CLIENT_ID: reader.clientId });
    assert.equal(result.error, undefined, result.message);
    assert.equal(result.who?.appid, reader.clientId);
    assert.equal(result.who?.oid, reader.objectId);
    assert.ok((result.valueLength ?? 0) > 0);
    assert.equal(result.setStatus, 403);
  });

  test('ARM discovery lists the emulator vaults with their vaultUri, and each vaultUri serves Key Vault', async () => {
    const credential = new ManagedIdentityCredential({ clientId: identities.byName('kvx-app').clientId });
    const arm = new KeyVaultManagementClient(credential, identities.subscriptionId, {
      endpoint: ready.armEndpoint,
      tlsOptions: { ca },
      credentials: { scopes: ['https://management.azure.com/.default'] },
    });
    const found = await collect(arm.vaults.listBySubscription());
    assert.deepEqual(
      found.map((v) => [v.name, v.properties.vaultUri]),
      ready.vaults.map((v) => [v.name, `${v.url}/`]),
    );
    assert.ok(found.every((v) => v.properties.tenantId === ready.tenantId));
    const generic = await collect(arm.vaults.list());
    assert.deepEqual(generic.map((r) => r.name), ready.vaults.map((v) => v.name));

    const payments = found.find((v) => v.name === 'contoso-payments');
    const secrets = new SecretClient(payments?.properties.vaultUri ?? '', credential, {
      tlsOptions: { ca },
      disableChallengeResourceVerification: true,
      additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' }],
    });
    assert.ok((await collect(secrets.listPropertiesOfSecrets())).length > 20);
  });

  test('ARM refuses a Key Vault token in strict mode', async () => {
    const credential = new ManagedIdentityCredential();
    const arm = new KeyVaultManagementClient(credential, identities.subscriptionId, {
      endpoint: ready.armEndpoint,
      tlsOptions: { ca },
      credentials: { scopes: ['https://vault.azure.net/.default'] },
    });
    await assert.rejects(collect(arm.vaults.listBySubscription()), (err: { statusCode?: number }) => err.statusCode === 401);
  });

  checkConformanceAfterAll(() => recorder.validate(), { moreThan: 2 });
});
