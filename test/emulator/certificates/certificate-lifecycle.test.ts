// Import (PFX with and without a password, PEM), get, versions, update, policy, delete /
// recover / purge, backup / restore, issuers and contacts through the real CertificateClient.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createCertificate, createPkcs12, parsePkcs12 } from '../../../src/emulator/x509/index.js';
import { collect, waitFor } from '../support/emulator-harness.js';
import { rawRequest } from '../support/raw-request.js';
import type { CertificatesHarness } from './certificate-test-harness.js';
import { startCertificatesHarness } from './certificate-test-harness.js';
import { runsSomeTestsOnly } from '../support/conformance-after-all.js';

const POLL = { intervalInMs: 5 };

async function selfSigned(subject: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Date.now();
  const cert = await createCertificate({ subject, privateKey, notBefore: new Date(now), notAfter: new Date(now + 90 * 86_400_000), sans: { dns: ['imported.contoso.com'] } });
  return { privateKey, cert };
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

describe('certificate lifecycle through CertificateClient', () => {
  let h: CertificatesHarness;

  before(async () => {
    h = await startCertificatesHarness({ deleteDelayMs: 50, purgeDelayMs: 30 });
  });
  after(async () => {
    await h.stop();
    const expected = [
      'ImportCertificate 200',
      'ImportCertificate 400',
      'GetCertificate 200',
      'GetCertificateVersions 200',
      'GetCertificates 200',
      'UpdateCertificate 200',
      'GetCertificatePolicy 200',
      'UpdateCertificatePolicy 200',
      'DeleteCertificate 200',
      'GetDeletedCertificate 200',
      'GetDeletedCertificates 200',
      'RecoverDeletedCertificate 200',
      'PurgeDeletedCertificate 204',
      'BackupCertificate 200',
      'RestoreCertificate 200',
      'SetCertificateIssuer 200',
      'GetCertificateIssuer 200',
      'UpdateCertificateIssuer 200',
      'GetCertificateIssuers 200',
      'DeleteCertificateIssuer 200',
      'SetCertificateContacts 200',
      'GetCertificateContacts 200',
      'DeleteCertificateContacts 200',
    ];
    // Coverage is the whole file's: a run of some of its tests records only their share.
    if (!runsSomeTestsOnly()) for (const op of expected) assert.ok(h.checked.has(op), `the conformance check saw ${op}`);
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches the REST spec');
  });

  it('imports a password-protected PFX and round-trips it: same certificate, same key, managed secret', async () => {
    const { privateKey, cert } = await selfSigned('CN=imported.contoso.com');
    const pfx = createPkcs12({ privateKey, certificates: [cert.der], password: 'import-pw' });
    const imported = await h.client.importCertificate('imported-pfx', pfx, { password: 'import-pw' });
    assert.ok(Buffer.from(imported.cer as Uint8Array).equals(cert.der));
    assert.equal(imported.policy?.subject, 'CN=imported.contoso.com');
    assert.deepEqual(imported.policy?.subjectAlternativeNames?.dnsNames, ['imported.contoso.com']);
    assert.equal(imported.policy?.issuerName, 'Unknown');
    const secret = await h.secrets.getSecret('imported-pfx');
    assert.equal(secret.properties.contentType, 'application/x-pkcs12');
    const back = parsePkcs12(Buffer.from(secret.value as string, 'base64'));
    assert.ok(back.certificates[0].equals(cert.der));
    assert.ok(new X509Certificate(cert.der).checkPrivateKey(back.privateKey as never));
    assert.equal((await h.keys.getKey('imported-pfx')).properties.managed, true);
    // Without a password too, and a second import makes a second version.
    const again = await selfSigned('CN=imported.contoso.com');
    await h.client.importCertificate('imported-pfx', createPkcs12({ privateKey: again.privateKey, certificates: [again.cert.der] }));
    const versions = await collect(h.client.listPropertiesOfCertificateVersions('imported-pfx'));
    assert.equal(versions.length, 2);
    const first = await h.client.getCertificateVersion('imported-pfx', imported.properties.version as string);
    assert.ok(Buffer.from(first.cer as Uint8Array).equals(cert.der));
  });

  it('refuses a PFX with the wrong password with the service message, never echoing the password', async () => {
    const { privateKey, cert } = await selfSigned('CN=wrong.pw');
    const pfx = createPkcs12({ privateKey, certificates: [cert.der], password: 'right-secret-pw' });
    await assert.rejects(h.client.importCertificate('wrong-pw', pfx, { password: 'wrong-secret-pw' }), (err: Error) => {
      assert.equal(statusOf(err), 400);
      assert.match(err.message, /The specified PKCS#12 X\.509 certificate content can not be read/);
      assert.ok(!err.message.includes('secret-pw'));
      return true;
    });
  });

  it('imports PEM (key and certificate) and keeps it PEM in the secret', async () => {
    const { privateKey, cert } = await selfSigned('CN=pem.contoso.com');
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + cert.pem;
    const imported = await h.client.importCertificate('imported-pem', Buffer.from(pem), { policy: { contentType: 'application/x-pem-file', issuerName: 'Unknown', subject: 'CN=pem.contoso.com' } });
    assert.ok(Buffer.from(imported.cer as Uint8Array).equals(cert.der));
    const secret = await h.secrets.getSecret('imported-pem');
    assert.equal(secret.properties.contentType, 'application/x-pem-file');
    assert.ok(secret.value?.includes(cert.pem.trim()));
  });

  it('imports a value that is base64 of PEM text, as the SDKs send a PEM file', async () => {
    const { privateKey, cert } = await selfSigned('CN=b64pem.contoso.com');
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + cert.pem;
    for (const [name, policy] of [['b64-pem-hinted', { secret_props: { contentType: 'application/x-pem-file' } }], ['b64-pem-bare', undefined]] as const) {
      const url = `${h.vaultUrl}/certificates/${name}/import?api-version=7.3`;
      const body = JSON.stringify({ value: Buffer.from(pem).toString('base64'), ...(policy ? { policy } : {}) });
      const res = await rawRequest(url, { ca: h.emulator.caPem, method: 'POST', body });
      assert.equal(res.status, 200, res.text);
      assert.ok(Buffer.from((res.json as { cer: string }).cer, 'base64').equals(cert.der));
      assert.equal((await h.secrets.getSecret(name)).properties.contentType, 'application/x-pem-file');
    }
  });

  it('updates properties, tags and the policy', async () => {
    // Its own certificate, imported the way the PEM test does.
    const { privateKey, cert } = await selfSigned('CN=pem.contoso.com');
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) + cert.pem;
    await h.client.importCertificate('updated-pem', Buffer.from(pem), { policy: { contentType: 'application/x-pem-file', issuerName: 'Unknown', subject: 'CN=pem.contoso.com' } });
    const updated = await h.client.updateCertificateProperties('updated-pem', '', { enabled: false, tags: { owner: 'web' } });
    assert.equal(updated.properties.enabled, false);
    assert.deepEqual(updated.properties.tags, { owner: 'web' });
    // The SDK discards updateCertificatePolicy's response body (it returns an empty policy): read it back.
    await h.client.updateCertificatePolicy('updated-pem', { issuerName: 'Self', subject: 'CN=pem.contoso.com', validityInMonths: 3 });
    const policy = await h.client.getCertificatePolicy('updated-pem');
    assert.equal(policy.validityInMonths, 3);
    assert.equal(policy.issuerName, 'Self');
    assert.equal(policy.contentType, 'application/x-pem-file', 'fields not given keep their values');
    const names = (await collect(h.client.listPropertiesOfCertificates())).map((c) => c.name);
    assert.ok(names.includes('updated-pem'));
  });

  it('deletes with its key and secret, recovers them, then purges', async () => {
    const created = await (await h.client.beginCreateCertificate('short-lived', { issuerName: 'Self', subject: 'CN=short' }, POLL)).pollUntilDone();
    const deleted = await (await h.client.beginDeleteCertificate('short-lived', POLL)).pollUntilDone();
    assert.equal(deleted.recoveryId, `${h.vaultUrl}/deletedcertificates/short-lived`);
    await assert.rejects(h.keys.getKey('short-lived'), (err) => statusOf(err) === 404);
    await assert.rejects(h.secrets.getSecret('short-lived'), (err) => statusOf(err) === 404);
    assert.ok((await collect(h.client.listDeletedCertificates())).some((d) => d.name === 'short-lived'));
    await (await h.client.beginRecoverDeletedCertificate('short-lived', POLL)).pollUntilDone();
    assert.equal((await h.keys.getKey('short-lived')).properties.version, created.properties.version);
    assert.ok((await h.secrets.getSecret('short-lived')).value);
    await (await h.client.beginDeleteCertificate('short-lived', POLL)).pollUntilDone();
    await h.client.getDeletedCertificate('short-lived');
    await h.client.purgeDeletedCertificate('short-lived');
    await assert.rejects(h.client.getDeletedCertificate('short-lived'), (err) => statusOf(err) === 404);
  });

  it('backs up and restores the certificate with its key and secret', async () => {
    // Its own certificate with two versions.
    for (const subject of ['CN=backed-up.contoso.com', 'CN=backed-up.contoso.com']) {
      const { privateKey, cert } = await selfSigned(subject);
      await h.client.importCertificate('backed-up', createPkcs12({ privateKey, certificates: [cert.der] }));
    }
    const backup = await h.client.backupCertificate('backed-up');
    assert.ok(backup && backup.length > 0);
    await assert.rejects(h.client.restoreCertificateBackup(backup), (err) => statusOf(err) === 409);
    await (await h.client.beginDeleteCertificate('backed-up', POLL)).pollUntilDone();
    await h.client.purgeDeletedCertificate('backed-up');
    // The purge takes purgeDelayMs; the name is free afterwards.
    let restored: Awaited<ReturnType<typeof h.client.restoreCertificateBackup>> | undefined;
    await waitFor(async () => {
      try {
        restored = await h.client.restoreCertificateBackup(backup);
        return true;
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        return false;
      }
    }, 'the purge to free the name');
    assert.equal(restored?.name, 'backed-up');
    assert.equal((await collect(h.client.listPropertiesOfCertificateVersions('backed-up'))).length, 2);
    assert.equal((await h.keys.getKey('backed-up')).properties.managed, true);
    assert.ok((await h.secrets.getSecret('backed-up')).value);
  });

  it('manages issuers without ever returning their password, and contacts', async () => {
    const issuer = await h.client.createIssuer('globalsign-emu', 'GlobalSign', { accountId: 'acct', password: 'never-shown-pw', administratorContacts: [{ email: 'pki@contoso.com', firstName: 'Pat' }] });
    assert.equal(issuer.provider, 'GlobalSign');
    assert.equal(issuer.password, undefined);
    assert.equal((await h.client.getIssuer('globalsign-emu')).accountId, 'acct');
    assert.equal((await h.client.updateIssuer('globalsign-emu', { provider: 'DigiCert' })).provider, 'DigiCert');
    // Issuer list items carry only id and provider.
    assert.deepEqual((await collect(h.client.listPropertiesOfIssuers())).map((i) => i.id), [`${h.vaultUrl}/certificates/issuers/globalsign-emu`]);
    await h.client.deleteIssuer('globalsign-emu');
    await assert.rejects(h.client.getIssuer('globalsign-emu'), (err) => statusOf(err) === 404);

    await h.client.setContacts([{ email: 'certs@contoso.com', name: 'Cert team', phone: '555-0100' }]);
    assert.deepEqual((await h.client.getContacts())?.map((c) => c?.email), ['certs@contoso.com']);
    await h.client.deleteContacts();
    await assert.rejects(h.client.getContacts(), (err) => statusOf(err) === 404);
  });
});
