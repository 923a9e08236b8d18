// The demo seed's certificates: valid, expiring within 30 days, expired, pending on issuer
// Unknown, deleted, each with its managed key and secret; the payments vault is purge-protected.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { CertificatesHarness } from './certificate-test-harness.js';
import { startCertificatesHarness } from './certificate-test-harness.js';
import { collect } from '../support/emulator-harness.js';

const DAY_MS = 86_400_000;

describe('demo seed certificates through CertificateClient', () => {
  let h: CertificatesHarness;
  const now = Date.now();

  before(async () => {
    h = await startCertificatesHarness({ seed: 'demo', vaults: ['contoso-payments'], seedNow: now });
  });
  after(async () => {
    await h.stop();
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches the REST spec');
  });

  it('lists issued certificates, and the pending one only with includePending', async () => {
    const issued = (await collect(h.client.listPropertiesOfCertificates())).map((c) => c.name).sort();
    assert.deepEqual(issued, ['api-gateway-tls', 'internal-wildcard', 'legacy-portal-tls', 'payments-mtls-client']);
    const all = (await collect(h.client.listPropertiesOfCertificates({ includePending: true }))).map((c) => c.name);
    assert.ok(all.includes('partner-sftp'));
    const op = await h.pendingOperation('partner-sftp');
    assert.equal(op.body.status, 'inProgress');
    assert.deepEqual(op.body.issuer, { name: 'Unknown' });
  });

  it('has a valid, an expiring (within 30 days) and an expired certificate, real X.509s with their secrets', async () => {
    const expiry = async (name: string) => {
      const cert = await h.client.getCertificate(name);
      const x509 = new X509Certificate(Buffer.from(cert.cer as Uint8Array));
      assert.equal(cert.properties.expiresOn?.getTime(), Date.parse(x509.validTo));
      const secret = await h.secrets.getSecret(name);
      assert.equal(secret.properties.managed, true);
      assert.equal(secret.properties.contentType, cert.policy?.contentType);
      return Date.parse(x509.validTo) - now;
    };
    assert.ok((await expiry('api-gateway-tls')) > 30 * DAY_MS);
    const expiring = await expiry('internal-wildcard');
    assert.ok(expiring > 0 && expiring < 30 * DAY_MS, `internal-wildcard expires in ${expiring / DAY_MS} days`);
    assert.ok((await expiry('legacy-portal-tls')) < 0);
    const versions = await collect(h.client.listPropertiesOfCertificateVersions('api-gateway-tls'));
    assert.equal(versions.length, 2, 'renewed once');
    const pem = await h.secrets.getSecret('payments-mtls-client');
    assert.match(pem.value ?? '', /-----BEGIN PRIVATE KEY-----[\s\S]*-----BEGIN CERTIFICATE-----/);
  });

  it('has a deleted certificate that cannot be purged in the purge-protected payments vault', async () => {
    // Its own emulator: recovering changes the seed the other tests read.
    const own = await startCertificatesHarness({ seed: 'demo', vaults: ['contoso-payments'], seedNow: now });
    try {
      const deleted = await collect(own.client.listDeletedCertificates());
      assert.deepEqual(deleted.map((d) => d.name), ['old-vpn-gateway']);
      assert.ok((deleted[0].deletedOn?.getTime() ?? now) < now);
      await assert.rejects(own.client.purgeDeletedCertificate('old-vpn-gateway'), (err: Error & { statusCode?: number }) => {
        assert.equal(err.statusCode, 403);
        assert.match(err.message, /purge protection/);
        return true;
      });
      const recovered = await (await own.client.beginRecoverDeletedCertificate('old-vpn-gateway', { intervalInMs: 5 })).pollUntilDone();
      assert.equal(recovered.name, 'old-vpn-gateway');
      assert.equal((await own.keys.getKey('old-vpn-gateway')).properties.managed, true, 'the key came back with it');
      assert.deepEqual(own.problems(), [], 'every response matches the REST spec');
    } finally {
      await own.stop();
    }
  });
});
