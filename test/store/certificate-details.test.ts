// Certificate details from a real DER certificate (made by the emulator's x509 module) and a policy.
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { createCertificate } from '../../src/emulator/x509/certificate.js';
import { EKU } from '../../src/emulator/x509/extensions.js';
import { certificateDetails, flattenPolicy, splitSubjectAltName } from '../../src/store/certificate-details.js';

describe('certificateDetails', async () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { der } = await createCertificate({
    subject: 'CN=api.contoso.com, O=Contoso',
    privateKey,
    notBefore: new Date(Date.UTC(2026, 0, 1)),
    notAfter: new Date(Date.UTC(2027, 0, 1)),
    sans: { dns: ['api.contoso.com', '*.contoso.com'], ip: ['10.0.0.1'] },
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: [EKU.serverAuth, EKU.clientAuth],
  });
  const x509 = new X509Certificate(der);

  test('subject, issuer, SANs, serial, thumbprints, validity and EKUs come from the DER', () => {
    const d = certificateDetails(der, { issuerName: 'Self', subject: 'CN=api.contoso.com', keyUsage: ['digitalSignature'] });
    assert.equal(d.subject, 'O=Contoso, CN=api.contoso.com');
    assert.equal(d.issuer, d.subject);
    assert.deepEqual(d.sans, ['DNS:api.contoso.com', 'DNS:*.contoso.com', 'IP:10.0.0.1']);
    assert.equal(d.serialNumber, x509.serialNumber);
    assert.equal(d.thumbprintSha1, x509.fingerprint.replace(/:/g, ''));
    assert.match(d.thumbprintSha1!, /^[0-9A-F]{40}$/);
    assert.match(d.thumbprintSha256!, /^[0-9A-F]{64}$/);
    assert.deepEqual([d.validFrom?.toISOString(), d.validTo?.toISOString()], ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    assert.deepEqual(d.extendedKeyUsage, ['serverAuth', 'clientAuth']);
    assert.deepEqual(d.keyUsage, ['digitalSignature']);
    assert.match(d.pem!, /^-----BEGIN CERTIFICATE-----/);
  });

  test('without a certificate (not issued yet) the policy still gives usages', () => {
    const d = certificateDetails(undefined, { issuerName: 'Self', subject: 'CN=x', enhancedKeyUsage: ['1.3.6.1.5.5.7.3.1', '1.2.3.4'] });
    assert.equal(d.subject, undefined);
    assert.deepEqual(d.extendedKeyUsage, ['serverAuth', '1.2.3.4']);
    assert.deepEqual(d.sans, []);
  });

  test('the policy flattens to labelled pairs, leaving out what is unset', () => {
    const pairs = flattenPolicy({
      issuerName: 'Self',
      subject: 'CN=x',
      subjectAlternativeNames: { dnsNames: ['a.example', 'b.example'] },
      validityInMonths: 12,
      keyType: 'RSA',
      keySize: 2048,
      reuseKey: false,
      lifetimeActions: [{ action: 'AutoRenew', lifetimePercentage: 80 }, { action: 'EmailContacts', daysBeforeExpiry: 30 }],
    });
    assert.deepEqual(pairs, [
      ['issuer', 'Self'],
      ['subject', 'CN=x'],
      ['SAN dns', 'a.example, b.example'],
      ['validity (months)', '12'],
      ['key type', 'RSA'],
      ['key size', '2048'],
      ['reuse key', 'false'],
      ['lifetime action', 'AutoRenew at 80% of lifetime'],
      ['lifetime action', 'EmailContacts 30 days before expiry'],
    ]);
  });

  test('quoted SAN entries with commas stay whole', () => {
    assert.deepEqual(splitSubjectAltName('DNS:a, URI:"http://x/?a=1,2", IP Address:::1'), ['DNS:a', 'URI:"http://x/?a=1,2"', 'IP:::1']);
  });
});
