import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { createCertificate, readCertificate } from '../../../src/emulator/x509/certificate.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { EKU } from '../../../src/emulator/x509/extensions.js';

const notBefore = new Date(Date.UTC(2026, 0, 1));
const notAfter = new Date(Date.UTC(2027, 0, 1));

function signatureOid(der: Buffer): string {
  return AsnConvert.parse(der, Certificate).signatureAlgorithm.algorithm;
}

describe('createCertificate', () => {
  it('self-signs an RSA certificate with subject, SANs, key usage and EKUs that node can read', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { der, pem } = await createCertificate({
      subject: 'CN=api.contoso.com, O=Contoso, C=US',
      privateKey,
      notBefore,
      notAfter,
      sans: {
        dns: ['api.contoso.com', '*.contoso.com'],
        ip: ['10.0.0.1', '2001:db8::1'],
        email: ['ops@contoso.com'],
        upn: ['alice@contoso.com'],
      },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: [EKU.serverAuth, EKU.clientAuth],
    });
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n/);
    const cert = new X509Certificate(pem);
    assert.deepEqual(cert.raw, der);
    assert.equal(cert.subject, 'C=US\nO=Contoso\nCN=api.contoso.com');
    assert.equal(cert.issuer, cert.subject);
    assert.equal(cert.ca, false);
    // OpenSSL's checkIssued also demands keyCertSign, which this leaf rightly lacks.
    assert.equal(cert.checkIssued(cert), false);
    assert.ok(cert.verify(publicKey));
    assert.equal(new Date(cert.validFrom).getTime(), notBefore.getTime());
    assert.equal(new Date(cert.validTo).getTime(), notAfter.getTime());
    assert.deepEqual(cert.keyUsage, [EKU.serverAuth, EKU.clientAuth]);
    assert.ok(cert.publicKey.equals(publicKey));
    const san = cert.subjectAltName ?? '';
    for (const part of ['DNS:api.contoso.com', 'DNS:*.contoso.com', 'IP Address:10.0.0.1', 'email:ops@contoso.com']) {
      assert.ok(san.includes(part), `${part} in ${san}`);
    }
    assert.ok(cert.checkHost('api.contoso.com'));
    assert.ok(cert.checkIP('2001:db8::1'));
    assert.equal(signatureOid(der), '1.2.840.113549.1.1.11');

    const read = readCertificate(der);
    assert.deepEqual(read.extensions.keyUsage, ['digitalSignature', 'keyEncipherment']);
    assert.deepEqual(read.extensions.sans, {
      dns: ['api.contoso.com', '*.contoso.com'],
      ip: ['10.0.0.1', '2001:db8::1'],
      email: ['ops@contoso.com'],
      upn: ['alice@contoso.com'],
    });
    assert.deepEqual(read.extensions.subjectKeyIdentifier, read.extensions.authorityKeyIdentifier);
    assert.ok(read.extensions.critical.includes('2.5.29.15'), 'key usage is critical');
  });

  it('issues a leaf from a CA: issuer, chain check, key identifiers and signature match', async () => {
    const ca = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const caCert = await createCertificate({
      subject: 'CN=Contoso Root, O=Contoso',
      privateKey: ca.privateKey,
      notBefore,
      notAfter,
      isCA: true,
      pathLen: 1,
      keyUsage: ['keyCertSign', 'cRLSign'],
    });
    const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const leafCert = await createCertificate({
      subject: 'CN=leaf',
      publicKey: leaf.publicKey,
      issuer: { certificate: caCert.pem, privateKey: ca.privateKey },
      notBefore,
      notAfter,
      isCA: false,
      sans: { dns: ['leaf.contoso.com'] },
    });
    const caX = new X509Certificate(caCert.der);
    const leafX = new X509Certificate(leafCert.der);
    assert.equal(caX.ca, true);
    assert.equal(leafX.ca, false);
    assert.equal(leafX.issuer, 'O=Contoso\nCN=Contoso Root');
    assert.ok(leafX.checkIssued(caX));
    assert.ok(leafX.verify(caX.publicKey));
    assert.equal(leafX.verify(leaf.publicKey), false);
    // The CA key signs, so its curve picks the hash: P-384 → ecdsa-with-SHA384.
    assert.equal(signatureOid(leafCert.der), '1.2.840.10045.4.3.3');
    const caRead = readCertificate(caCert.der);
    assert.equal(caRead.extensions.pathLen, 1);
    assert.deepEqual(readCertificate(leafCert.der).extensions.authorityKeyIdentifier, caRead.extensions.subjectKeyIdentifier);
  });

  it('picks ECDSA-SHA512 for P-521 and writes GeneralizedTime after 2049', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    const far = new Date(Date.UTC(2060, 5, 1, 12, 0, 0));
    const { der } = await createCertificate({ subject: 'CN=long', privateKey, notBefore, notAfter: far });
    assert.equal(signatureOid(der), '1.2.840.10045.4.3.4');
    const cert = new X509Certificate(der);
    assert.ok(cert.checkIssued(cert), 'self-signed without key usage limits is its own issuer');
    assert.equal(new Date(cert.validTo).getTime(), far.getTime());
    assert.deepEqual(readCertificate(der).notAfter, far);
  });

  it('uses the serial it is given and a random positive one otherwise', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const given = await createCertificate({ subject: 'CN=s', privateKey, notBefore, notAfter, serial: Buffer.from('0abc', 'hex') });
    assert.equal(new X509Certificate(given.der).serialNumber, '0ABC');
    const a = new X509Certificate((await createCertificate({ subject: 'CN=s', privateKey, notBefore, notAfter })).der);
    const b = new X509Certificate((await createCertificate({ subject: 'CN=s', privateKey, notBefore, notAfter })).der);
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.equal(a.serialNumber.length, 32);
  });

  it('allows an empty subject when SANs are present and marks the SAN critical', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { der } = await createCertificate({ subject: '', privateKey, notBefore, notAfter, sans: { dns: ['only.san'] } });
    assert.ok(readCertificate(der).extensions.critical.includes('2.5.29.17'));
  });

  it('rejects bad input with a message saying what is allowed', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const base = { subject: 'CN=x', privateKey, notBefore, notAfter };
    await assert.rejects(createCertificate({ ...base, notAfter: notBefore }), /must be after notBefore/);
    await assert.rejects(createCertificate({ subject: 'CN=x', publicKey, notBefore, notAfter }), /self-signed certificate needs the subject privateKey/);
    await assert.rejects(createCertificate({ ...base, subject: '' }), /subject or at least one subject alternative name/);
    await assert.rejects(createCertificate({ ...base, sans: { dns: ['bad_name!'] } }), /not a valid DNS name/);
    await assert.rejects(createCertificate({ ...base, sans: { ip: ['300.1.1.1'] } }), /not an IPv4 or IPv6 address/);
    await assert.rejects(createCertificate({ ...base, sans: { email: ['nope'] } }), /not an email address/);
    await assert.rejects(createCertificate({ ...base, keyUsage: ['sign' as never] }), /Unknown key usage "sign": allowed are digitalSignature/);
    await assert.rejects(createCertificate({ ...base, extendedKeyUsage: ['serverAuth'] }), /not an OID/);
    await assert.rejects(createCertificate({ ...base, pathLen: 1 }), /pathLen needs isCA/);
    const ed = generateKeyPairSync('ed25519');
    await assert.rejects(createCertificate({ ...base, privateKey: ed.privateKey }), /use an RSA or EC key/);
  });
});
