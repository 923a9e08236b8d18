// Certificate details through the store against the emulator's certificates: subject, SANs,
// thumbprints, validity and usages from the DER, the policy, versions, and the deleted view.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CertificateClient, type CertificatePolicy } from '@azure/keyvault-certificates';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import type { StoreHarness } from './store-harness.js';
import { startStoreHarness } from './store-harness.js';

let h: StoreHarness;
let certificates: CertificateClient;

before(async () => {
  h = await startStoreHarness({ vaults: ['cert-vault'] });
  const credential = new LocalIdentityCredential({ endpoint: h.emulator.identity.identityEndpoint, identityHeader: h.emulator.identity.identityHeader });
  certificates = new CertificateClient(h.emulator.vaults[0].url, credential, { tlsOptions: { ca: h.emulator.caPem }, disableChallengeResourceVerification: true });
  const policy: CertificatePolicy = {
    issuerName: 'Self',
    subject: 'CN=api.contoso.com',
    subjectAlternativeNames: { dnsNames: ['api.contoso.com', 'www.contoso.com'] },
    validityInMonths: 12,
    keyType: 'RSA',
    keySize: 2048,
    enhancedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
    keyUsage: ['digitalSignature', 'keyEncipherment'],
  };
  await (await certificates.beginCreateCertificate('api-tls', policy, { intervalInMs: 5 })).pollUntilDone();
  await (await certificates.beginCreateCertificate('old-tls', policy, { intervalInMs: 5 })).pollUntilDone();
  await (await certificates.beginDeleteCertificate('old-tls', { intervalInMs: 5 })).pollUntilDone();
  // Issuer Unknown: stays pending until someone merges a signed certificate.
  await certificates.beginCreateCertificate('pending-tls', { ...policy, issuerName: 'Unknown' });
});

after(async () => {
  await h?.stop();
});

test('a certificate shows subject, SANs, serial, thumbprints, validity, usages and policy', async () => {
  h.store.loadCollection(h.vault('cert-vault').url, 'certificates');
  await h.until((s) => s.vaults[0].collections.certificates.status === 'complete', 'certificates');
  const item = h.collection('certificates').items.find((i) => i.name === 'api-tls')!;
  assert.equal(item.id, `${h.vault().url}/certificates/api-tls`);
  h.store.loadDetails(item);
  const s = await h.until((s) => s.details[item.id]?.status === 'complete' && s.details[item.id].versions.status === 'complete', 'details');
  const d = s.details[item.id];
  const cert = d.item!.certificate!;
  const x509 = new X509Certificate((await certificates.getCertificate('api-tls')).cer!);
  assert.equal(cert.subject, 'CN=api.contoso.com');
  assert.equal(cert.issuer, 'CN=api.contoso.com');
  assert.deepEqual(cert.sans, ['DNS:api.contoso.com', 'DNS:www.contoso.com']);
  assert.equal(cert.serialNumber, x509.serialNumber);
  assert.equal(cert.thumbprintSha1, x509.fingerprint.replace(/:/g, ''));
  assert.equal(cert.thumbprintSha256, x509.fingerprint256.replace(/:/g, ''));
  assert.equal(cert.validTo?.getTime(), new Date(x509.validTo).getTime());
  assert.deepEqual(cert.extendedKeyUsage, ['serverAuth']);
  assert.deepEqual(cert.keyUsage, ['digitalSignature', 'keyEncipherment']);
  assert.ok(cert.policy.some(([k, v]) => k === 'issuer' && v === 'Self'));
  assert.ok(cert.policy.some(([k, v]) => k === 'SAN dns' && v === 'api.contoso.com, www.contoso.com'));
  assert.equal(d.item!.issuer, 'Self');
  assert.equal(d.versions.items.length, 1);
  assert.equal(d.versions.items[0].version, d.item!.version);
});

test('the list shows pending certificates beside issued ones, and no deleted ones', async () => {
  h.store.loadCollection(h.vault('cert-vault').url, 'certificates');
  await h.until((s) => s.vaults[0].collections.certificates.status === 'complete', 'certificates');
  const names = h.collection('certificates').items.map((i) => i.name).sort();
  assert.deepEqual(names, ['api-tls', 'pending-tls']);
});

test('the deleted view lists a deleted certificate, and its details still parse', async () => {
  h.store.loadCollection(h.vault('cert-vault').url, 'certificates', { deleted: true });
  await h.until((s) => s.vaults[0].deleted.certificates.status === 'complete', 'deleted certificates');
  const item = h.collection('certificates', { deleted: true }).items.find((i) => i.name === 'old-tls')!;
  assert.ok(item.deletedOn instanceof Date);
  assert.ok(item.recoveryId);
  h.store.loadDetails(item);
  const s = await h.until((s) => s.details[item.id]?.status === 'complete' || s.details[item.id]?.status === 'error', 'deleted details');
  assert.equal(s.details[item.id].status, 'complete', JSON.stringify(s.details[item.id].error));
  assert.equal(s.details[item.id].item?.certificate?.subject, 'CN=api.contoso.com');
});
