import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { createCertificate } from '../../../src/emulator/x509/certificate.js';
import { createCsr, parseCsr } from '../../../src/emulator/x509/csr.js';
import { EKU } from '../../../src/emulator/x509/extensions.js';

describe('certificate signing requests', () => {
  it('round-trips subject, public key and requested extensions, with a valid signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const csr = await createCsr({
      subject: 'CN=app.contoso.com, O=Contoso',
      privateKey,
      sans: { dns: ['app.contoso.com'], upn: ['svc@contoso.com'] },
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: [EKU.serverAuth],
    });
    assert.match(csr.pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const parsed = parseCsr(csr.pem);
    assert.equal(parsed.subject, 'CN=app.contoso.com, O=Contoso');
    assert.ok(parsed.publicKey.equals(publicKey));
    assert.equal(parsed.signatureValid, true);
    assert.deepEqual(parsed.sans, { dns: ['app.contoso.com'], ip: [], email: [], upn: ['svc@contoso.com'] });
    assert.deepEqual(parsed.keyUsage, ['digitalSignature']);
    assert.deepEqual(parsed.extendedKeyUsage, [EKU.serverAuth]);
  });

  it('detects a request whose signature does not match its key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = Buffer.from((await createCsr({ subject: 'CN=x', privateKey })).der);
    der[der.length - 5] ^= 0x01; // flip a bit inside the signature's integers
    assert.equal(parseCsr(der).signatureValid, false);
  });

  it('can be signed by a CA into a certificate for the same key (the merge flow)', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = Date.now();
    const caCert = await createCertificate({
      subject: 'CN=CA',
      privateKey: ca.privateKey,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 3_600_000),
      isCA: true,
    });
    const request = parseCsr((await createCsr({ subject: 'CN=merged', privateKey: key.privateKey, sans: { dns: ['merged.test'] } })).der);
    const issued = await createCertificate({
      subject: request.subject,
      publicKey: request.publicKey,
      sans: request.sans,
      issuer: { certificate: caCert.der, privateKey: ca.privateKey },
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 3_600_000),
    });
    const cert = new X509Certificate(issued.der);
    assert.ok(cert.publicKey.equals(key.publicKey));
    assert.ok(cert.checkPrivateKey(key.privateKey));
    assert.ok(cert.checkIssued(new X509Certificate(caCert.der)));
  });

  it('requires a subject or SANs', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await assert.rejects(createCsr({ subject: ' ', privateKey }), /subject or at least one subject alternative name/);
  });
});
