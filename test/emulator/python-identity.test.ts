// The VM tutorial in Python: `kvx emulator --seed demo --strict` as a process, and a Python
// process with only its ready line's env (IMDS or App Service style) plus REQUESTS_CA_BUNDLE
// reads a secret with DefaultAzureCredential; the read-only identity's write is the service's
// 403 under access policies; azure-mgmt-keyvault sees each vault's real properties.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createIdentityRegistry } from '../../src/emulator/identity/index.js';
import { startEmulatorProcess } from './support/emulator-process.js';
import { requirePythonAzure, runPython } from './support/python-sdk.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

interface Ready {
  vaults: { name: string; url: string }[];
  caFile: string;
  tenantId: string;
  env: Record<string, string>;
  envs: { imds: Record<string, string>; appService: Record<string, string> };
  identities: { name: string; clientId: string; objectId: string }[];
  armEndpoint: string;
}

let child: ChildProcess;
let ready: Ready;

before(async () => {
  await requirePythonAzure();
  ({ child, ready } = await startEmulatorProcess<Ready>(process.execPath, ['--import', 'tsx', path.join(here, 'support/run-emulator-cli.ts'), '--seed', 'demo', '--strict'], {
    cwd: repoRoot,
    env: { ...process.env, XDG_CACHE_HOME: path.join(repoRoot, '.kvx-test', 'xdg-cache') },
  }));
});

after(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

const vaultUrl = (name: string) => ready.vaults.find((v) => v.name === name)?.url ?? '';
const identity = (name: string) => {
  const found = ready.identities.find((i) => i.name === name);
  assert.ok(found, name);
  return found;
};

describe('Python with only the ready line', () => {
  test('DefaultAzureCredential over IMDS reads a demo secret as the system-assigned identity', async () => {
    const facts = await runPython('identity_read.py', { ...ready.env, REQUESTS_CA_BUNDLE: ready.caFile, KVX_VAULT_URL: vaultUrl('contoso-prod') });
    assert.equal(facts.valueRead, true);
    assert.equal(facts.oid, identity('system').objectId);
  });

  test('over App Service with the reader client id it reads, and a write is 403 ForbiddenByPolicy naming the vault', async () => {
    const reader = identity('kvx-reader');
    const facts = await runPython('identity_read.py', {
      ...ready.envs.appService,
      AZURE_CLIENT_ID: reader.clientId,
      REQUESTS_CA_BUNDLE: ready.caFile,
      KVX_VAULT_URL: vaultUrl('contoso-prod'),
      KVX_EXPECT_WRITE_REFUSED: '1',
    });
    assert.equal(facts.valueRead, true);
    assert.equal(facts.oid, reader.objectId);
    const write = facts.write as { status: number; error: { code: string; message: string; innererror: { code: string } } };
    assert.equal(write.status, 403);
    assert.equal(write.error.code, 'Forbidden');
    assert.equal(write.error.innererror.code, 'ForbiddenByPolicy');
    assert.match(write.error.message, /does not have secrets set permission on key vault 'contoso-prod;location=westeurope'\./);
  });

  test('azure-mgmt-keyvault sees each vault as it behaves, and a missing vault is a 404 naming it', async () => {
    const facts = await runPython('arm_properties.py', {
      ...ready.env,
      AZURE_CLIENT_ID: identity('kvx-app').clientId,
      REQUESTS_CA_BUNDLE: ready.caFile,
      KVX_ARM_ENDPOINT: ready.armEndpoint,
      KVX_SUBSCRIPTION_ID: createIdentityRegistry({ tenantId: ready.tenantId }).subscriptionId,
    });
    const vaults = facts.vaults as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(vaults).sort(), ['contoso-dev', 'contoso-payments', 'contoso-prod']);
    assert.equal(vaults['contoso-payments'].enablePurgeProtection, true);
    assert.equal(vaults['contoso-prod'].enablePurgeProtection, null);
    assert.equal(vaults['contoso-prod'].softDeleteRetentionInDays, 90);
    assert.equal(vaults['contoso-prod'].sku, 'premium');
    assert.equal(vaults['contoso-prod'].enableRbacAuthorization, false, 'strict mode enforces access policies');
    assert.ok((vaults['contoso-prod'].accessPolicyObjectIds as string[]).includes(identity('kvx-reader').objectId));
    const missing = facts.missing as { status: number; message: string };
    assert.equal(missing.status, 404);
    assert.match(missing.message, /Microsoft\.KeyVault\/vaults\/no-such-vault/);
  });
});
