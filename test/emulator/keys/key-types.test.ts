// Which key types a vault takes, as the service decides: software `oct` keys never (400
// "Invalid kty value: oct", KeyTypeNotSupported), HSM-protected types only on a premium
// vault; and the key and secret behind a certificate cannot be deleted on their own.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import { testCredential } from '../support/emulator-harness.js';
import type { RecordedEmulator } from '../support/recorded-emulator.js';
import { startRecordedEmulator } from '../support/recorded-emulator.js';

/** The error body as sent, or as the SDK deserialised it (which renames innererror). */
type ErrorBody = { error: { code: string; message: string; innererror?: { code: string }; innerError?: { code: string } } };

async function refusal(attempt: () => Promise<unknown>): Promise<{ status: number; body: ErrorBody }> {
  try {
    await attempt();
  } catch (err) {
    assert.ok(err instanceof RestError, String(err));
    const text = err.response?.bodyAsText;
    return { status: err.statusCode ?? 0, body: (text ? JSON.parse(text) : err.details) as ErrorBody };
  }
  assert.fail('expected the service to refuse');
}

describe('key types per vault SKU', () => {
  let emu: RecordedEmulator;
  let premium: KeyClient;
  let standard: KeyClient;

  before(async () => {
    emu = await startRecordedEmulator({ vaults: [{ name: 'premium-vault' }, { name: 'standard-vault', sku: 'standard' }] });
    premium = new KeyClient(emu.emulator.vaults[0].url, testCredential, emu.clientOptions);
    standard = new KeyClient(emu.emulator.vaults[1].url, testCredential, emu.clientOptions);
  });
  after(async () => {
    await emu.emulator.stop();
  });
  afterEach(() => {
    assert.deepEqual(emu.problems(), []);
  });

  it('refuses software oct keys, created or imported, in the service words', async () => {
    for (const attempt of [() => premium.createOctKey('soft-oct'), () => premium.createKey('soft-oct-2', 'oct'), () => premium.importKey('soft-oct-3', { kty: 'oct', k: randomBytes(32) })]) {
      const { status, body } = await refusal(attempt);
      assert.equal(status, 400);
      assert.equal(body.error.code, 'BadParameter');
      assert.equal(body.error.message, 'Invalid kty value: oct');
      assert.equal((body.error.innererror ?? body.error.innerError)?.code, 'KeyTypeNotSupported');
    }
    assert.equal((await premium.createOctKey('hsm-oct', { hsm: true })).keyType, 'oct-HSM');
  });

  it('refuses HSM key types on a standard vault and takes them on a premium one', async () => {
    for (const attempt of [() => standard.createRsaKey('r', { hsm: true }), () => standard.createEcKey('e', { hsm: true }), () => standard.createOctKey('o', { hsm: true })]) {
      const { status, body } = await refusal(attempt);
      assert.equal(status, 400);
      assert.equal(body.error.code, 'BadParameter');
      assert.equal(body.error.message, 'Hardware key operation not allowed on standard vault');
    }
    const standardCertificates = new CertificateClient(emu.emulator.vaults[1].url, testCredential, emu.clientOptions);
    const certificate = await refusal(() => standardCertificates.beginCreateCertificate('hsm-cert', { issuerName: 'Self', subject: 'CN=h', keyType: 'RSA-HSM' }));
    assert.equal(certificate.body.error.message, 'Hardware key operation not allowed on standard vault');
    assert.equal((await standard.createRsaKey('soft-rsa')).keyType, 'RSA');
    assert.equal((await premium.createRsaKey('hard-rsa', { hsm: true })).keyType, 'RSA-HSM');
  });
});

describe('the key and secret behind a certificate', () => {
  let emu: RecordedEmulator;

  before(async () => {
    emu = await startRecordedEmulator({ vaults: ['managed-vault'] });
  });
  after(async () => {
    await emu.emulator.stop();
  });

  it('cannot be deleted or (the secret) set on their own, in the service words; deleting the certificate deletes them', async () => {
    const url = emu.vaultUrl;
    const certificates = new CertificateClient(url, testCredential, emu.clientOptions);
    const keys = new KeyClient(url, testCredential, emu.clientOptions);
    const secrets = new SecretClient(url, testCredential, emu.clientOptions);
    await (await certificates.beginCreateCertificate('web', { issuerName: 'Self', subject: 'CN=web' }, { intervalInMs: 5 })).pollUntilDone();
    for (const [operation, inner, attempt] of [
      ['delete', 'KeyManagedByKeyVault', () => keys.beginDeleteKey('web')],
      ['delete', 'SecretManagedByKeyVault', () => secrets.beginDeleteSecret('web')],
      ['set', 'SecretManagedByKeyVault', () => secrets.setSecret('web', 'replacement')],
    ] as const) {
      const { status, body } = await refusal(attempt);
      assert.equal(status, 403);
      assert.equal(body.error.code, 'Forbidden');
      assert.equal(body.error.message, `Operation "${operation}" is not allowed as this object's lifetime is managed by Key Vault.`);
      assert.equal((body.error.innererror ?? body.error.innerError)?.code, inner);
    }
    assert.ok((await keys.getKey('web')).id, 'the key is still there');
    await (await certificates.beginDeleteCertificate('web', { intervalInMs: 5 })).pollUntilDone();
    await assert.rejects(keys.getKey('web'), (err: RestError) => err.statusCode === 404);
    assert.deepEqual(emu.problems(), []);
  });
});
