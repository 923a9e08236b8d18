// The crypto provider @peculiar/x509 signs through: the same inputs give the same certificate
// bytes for every key type (RFC 6979 ECDSA, PKCS#1 v1.5 RSA), on every Key Vault curve
// including P-256K, which node's WebCrypto cannot sign with.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { createCertificate } from '../../../src/emulator/x509/certificate.js';
import { createCsr, parseCsr } from '../../../src/emulator/x509/csr.js';

const notBefore = new Date(Date.UTC(2026, 0, 1));
const notAfter = new Date(Date.UTC(2027, 0, 1));
const serial = Buffer.from('0102030405060708', 'hex');

describe('deterministic certificate signing', () => {
  for (const namedCurve of ['P-256', 'P-384', 'P-521', 'secp256k1']) {
    it(`signs an EC ${namedCurve} certificate to the same bytes twice, and node verifies it`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const input = { subject: 'CN=same.contoso.com', privateKey, notBefore, notAfter, serial, sans: { dns: ['same.contoso.com'] } };
      const first = await createCertificate(input);
      const second = await createCertificate(input);
      assert.deepEqual(first.der, second.der, 'RFC 6979: no random nonce in the signature');
      assert.ok(new X509Certificate(first.der).verify(publicKey));
    });
  }

  it('signs an RSA certificate to the same bytes twice', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const input = { subject: 'CN=rsa.contoso.com', privateKey, notBefore, notAfter, serial };
    const first = await createCertificate(input);
    assert.deepEqual(first.der, (await createCertificate(input)).der);
    assert.ok(new X509Certificate(first.der).verify(publicKey));
  });

  it('signs and checks a CSR for a P-256K key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const csr = await createCsr({ subject: 'CN=k1.contoso.com', privateKey });
    assert.deepEqual(csr.der, (await createCsr({ subject: 'CN=k1.contoso.com', privateKey })).der);
    const parsed = parseCsr(csr.der);
    assert.equal(parsed.signatureValid, true);
    assert.ok(parsed.publicKey.equals(publicKey));
  });
});
