// Issue 12's wire points, each checked through Microsoft's Python SDK (python3-azure) with its
// default api-versions: what that client sends must work and what it reads must be the
// service's shapes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from './support/emulator-harness.js';
import { requirePythonAzure, runPython } from './support/python-sdk.js';

let emu: Emulator;
let facts: Record<string, unknown>;

before(async () => {
  await requirePythonAzure();
  emu = await startEmulator({ vaults: [{ name: 'py-premium' }, { name: 'py-standard', sku: 'standard' }], tlsCacheDir: TEST_TLS_CACHE });
  facts = await runPython('wire_points.py', {
    KVX_VAULT_URL: emu.vaults[0].url,
    KVX_STANDARD_VAULT_URL: emu.vaults[1].url,
    KVX_CA_FILE: emu.caFile ?? '',
  });
});

after(async () => {
  await emu?.stop();
});

type Refusal = { status: number; error: { code: string; message: string; innererror?: { code: string } } };

describe('the Python SDK against the emulator', () => {
  test('12.1: the legacy 2016-10-01 client sets and reads a secret', () => {
    assert.equal(facts.legacyRead, true);
  });

  test('12.2: versions made within one second list once each, in order, one per page', () => {
    assert.equal((facts.versionsMade as string[]).length, 7);
    assert.deepEqual(facts.versionsListed, facts.versionsMade);
  });

  test('12.3: include_pending lists pending certificates on every page', () => {
    assert.deepEqual(facts.pendingListed, ['py-pend-a', 'py-pend-b', 'py-pend-c']);
  });

  test('12.4: a PEM file imports, and merges take x5c as DER or as base64 text of the DER', () => {
    assert.equal(facts.importedMatches, true);
    assert.deepEqual(facts.merged, { 'py-merge-der': true, 'py-merge-b64': true });
  });

  test('12.5: cancel answers inProgress with cancellation requested; the next read is cancelled without an error', () => {
    assert.deepEqual(facts.cancel, { answerStatus: 'inProgress', answerCancellationRequested: true, laterStatus: 'cancelled', laterError: null });
  });

  test('12.6: oct keys, HSM keys on a standard vault and deleting a managed key are refused as the service does', () => {
    const oct = facts.octRefused as Refusal;
    assert.equal(oct.status, 400);
    assert.deepEqual(oct.error, { code: 'BadParameter', message: 'Invalid kty value: oct', innererror: { code: 'KeyTypeNotSupported' } });
    const hsm = facts.hsmOnStandardRefused as Refusal;
    assert.equal(hsm.status, 400);
    assert.equal(hsm.error.message, 'Hardware key operation not allowed on standard vault');
    assert.equal(facts.hsmOnPremium, 'RSA-HSM');
    const managed = facts.managedKeyDeleteRefused as Refusal;
    assert.equal(managed.status, 403);
    assert.deepEqual(managed.error, {
      code: 'Forbidden',
      message: `Operation "delete" is not allowed as this object's lifetime is managed by Key Vault.`,
      innererror: { code: 'KeyManagedByKeyVault' },
    });
  });

  test('12.7: answers carry the service headers and echo the client request id', () => {
    const headers = facts.headers as Record<string, string | null>;
    assert.equal(headers['cache-control'], 'no-cache');
    assert.equal(headers.pragma, 'no-cache');
    assert.equal(headers.expires, '-1');
    assert.equal(headers['x-ms-keyvault-region'], 'westeurope');
    assert.match(headers['x-ms-keyvault-network-info'] ?? '', /^conn_type=Ipv4;addr=127\.0\.0\.1;act_addr_fam=InterNetwork;$/);
    assert.equal(headers['strict-transport-security'], 'max-age=31536000;includeSubDomains');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.match(headers['x-ms-request-id'] ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(facts.clientRequestIdEchoed, true);
  });
});
