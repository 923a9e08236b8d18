// A second client: Microsoft's Python SDK (Debian's python3-azure, its default api-versions
// unchanged — keys send 7.4-preview.1) runs the seed quickstarts' flows against the emulator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from './support/emulator-harness.js';
import { requirePythonAzure, runPython } from './support/python-sdk.js';

let emu: Emulator;

before(async () => {
  await requirePythonAzure();
  emu = await startEmulator({ vaults: ['python-vault'], tlsCacheDir: TEST_TLS_CACHE, deleteDelayMs: 5 });
});

after(async () => {
  await emu?.stop();
});

test('the Python SDK runs keys create, get, delete; a default-policy certificate; secrets set, get, delete, recover, purge', async () => {
  const url = emu.vaults[0].url;
  const facts = await runPython('seed_flows.py', { KVX_VAULT_URL: url, KVX_CA_FILE: emu.caFile ?? '' });
  assert.equal(facts.keyApiVersion, '7.4-preview.1', "Python's default keys api-version");
  assert.equal(facts.keyType, 'RSA');
  assert.equal(facts.keyDeletedRecoveryId, `${url}/deletedkeys/py-rsa`);
  assert.equal(facts.certificateSubject, 'CN=DefaultPolicy');
  assert.equal(facts.certificateDeletedRecoveryId, `${url}/deletedcertificates/py-cert`);
  assert.equal(facts.deletedSecretRecoveryId, `${url}/deletedsecrets/py-secret`);
  assert.equal(facts.purgedSecretGone, true);
});
