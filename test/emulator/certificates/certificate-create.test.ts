// Certificate creation as a long-running operation through the real CertificateClient:
// inProgress for the issuance delay, then completed (self-signed or by a configured issuer),
// cancelled, failed, or waiting for a merge (issuer Unknown). The X.509 is checked with
// node:crypto against the policy; the managed key and secret with KeyClient / SecretClient.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { CertificatePolicy } from '@azure/keyvault-certificates';
import { CertificateClient } from '@azure/keyvault-certificates';
import { createCertificate, EKU, parseCsr, parsePkcs12 } from '../../../src/emulator/x509/index.js';
import { rawRequest } from '../support/raw-request.js';
import type { CertificatesHarness } from './certificate-test-harness.js';
import { startCertificatesHarness } from './certificate-test-harness.js';
import { collect, testCredential } from '../support/emulator-harness.js';
import { runsSomeTestsOnly } from '../support/conformance-after-all.js';

const POLL = { intervalInMs: 5 };
const ISSUE_DELAY_MS = 60_000;

describe('certificate create operation through CertificateClient', () => {
  let h: CertificatesHarness;
  // Time moves only when a test says so: "inProgress" is observed, never raced.
  let now = Date.now();

  before(async () => {
    h = await startCertificatesHarness({ clock: () => now, certificateIssueDelayMs: ISSUE_DELAY_MS });
  });
  after(async () => {
    await h.stop();
    const expected = [
      'CreateCertificate 202',
      'GetCertificateOperation 200',
      'UpdateCertificateOperation 200',
      'DeleteCertificateOperation 200',
      'GetCertificateOperation 404',
      'MergeCertificate 201',
      'GetCertificate 200',
      'SetCertificateIssuer 200',
      'GetKey 200',
      'GetSecret 200',
      'CreateCertificate 400',
    ];
    // Coverage is the whole file's: a run of some of its tests records only their share.
    if (!runsSomeTestsOnly()) for (const op of expected) assert.ok(h.checked.has(op), `the conformance check saw ${op}`);
  });
  afterEach(() => {
    assert.deepEqual(h.problems(), [], 'every response matches the REST spec');
  });

  it('stays inProgress for the issuance delay, then completes with a self-signed X.509 built from the policy', async () => {
    const policy: CertificatePolicy = {
      issuerName: 'Self',
      subject: 'CN=api.contoso.com, O=Contoso, C=US',
      subjectAlternativeNames: {
        dnsNames: ['api.contoso.com', 'www.contoso.com'],
        emails: ['ops@contoso.com'],
        userPrincipalNames: ['svc-api@contoso.com'],
        ipAddresses: ['10.1.2.3'],
      },
      keyType: 'RSA',
      keySize: 3072,
      validityInMonths: 6,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      enhancedKeyUsage: [EKU.serverAuth, EKU.clientAuth],
      contentType: 'application/x-pkcs12',
    };
    const poller = await h.client.beginCreateCertificate('api-tls', policy, POLL);
    const pending = await h.client.getCertificateOperation('api-tls', POLL);
    const op = pending.getOperationState().certificateOperation;
    assert.equal(op?.status, 'inProgress');
    assert.equal(op?.issuerName, 'Self');
    assert.ok(op?.csr && op.csr.length > 0, 'the operation carries the CSR');
    assert.equal(parseCsr(Buffer.from(op.csr)).subject, 'CN=api.contoso.com, O=Contoso, C=US');
    const draft = await h.client.getCertificate('api-tls');
    assert.equal(draft.cer, undefined, 'no certificate while pending');
    assert.equal(draft.properties.enabled, false);

    now += ISSUE_DELAY_MS;
    const issuedAt = now;
    const certificate = await poller.pollUntilDone();
    const done = await h.client.getCertificateOperation('api-tls');
    assert.equal(done.getOperationState().certificateOperation?.status, 'completed');
    assert.equal(done.getOperationState().certificateOperation?.target, `${h.vaultUrl}/certificates/api-tls`);

    assert.ok(certificate.cer);
    const x509 = new X509Certificate(Buffer.from(certificate.cer));
    // RFC 4514 text lists the most specific RDN first; the DER (what node prints) is the reverse.
    assert.equal(x509.subject, 'C=US\nO=Contoso\nCN=api.contoso.com');
    assert.equal(x509.issuer, x509.subject, 'issuer Self: self-signed');
    assert.ok(x509.verify(x509.publicKey), 'signed by its own key');
    assert.equal(x509.publicKey.asymmetricKeyType, 'rsa');
    assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 3072);
    for (const part of ['DNS:api.contoso.com', 'DNS:www.contoso.com', 'IP Address:10.1.2.3', 'email:ops@contoso.com', 'svc-api@contoso.com']) {
      assert.ok(x509.subjectAltName?.includes(part), `SANs include ${part}: ${x509.subjectAltName}`);
    }
    assert.deepEqual(x509.keyUsage, [EKU.serverAuth, EKU.clientAuth], 'extended key usages from the policy');
    assert.equal(Date.parse(x509.validFrom), Math.floor(issuedAt / 1000) * 1000);
    const to = new Date(Math.floor(issuedAt / 1000) * 1000);
    to.setUTCMonth(to.getUTCMonth() + 6);
    assert.ok(Math.abs(Date.parse(x509.validTo) - to.getTime()) <= 3 * 86_400_000, `valid for 6 months: ${x509.validTo}`);
    assert.equal(certificate.properties.expiresOn?.getTime(), Date.parse(x509.validTo));
    assert.equal(certificate.properties.enabled, true);
    assert.equal(certificate.properties.x509ThumbprintString, x509.fingerprint.replaceAll(':', '').toLowerCase());
    assert.equal(certificate.policy?.subject, policy.subject);
    assert.deepEqual(certificate.policy?.keyUsage, ['digitalSignature', 'keyEncipherment']);

    // The managed key and secret share the certificate's version.
    const version = certificate.properties.version;
    assert.equal(certificate.keyId, `${h.vaultUrl}/keys/api-tls/${version}`);
    assert.equal(certificate.secretId, `${h.vaultUrl}/secrets/api-tls/${version}`);
    const key = await h.keys.getKey('api-tls');
    assert.equal(key.properties.managed, true);
    assert.equal(key.properties.version, version);
    assert.equal(Buffer.from(key.key?.n as Uint8Array).length, 384);
    const secret = await h.secrets.getSecret('api-tls');
    assert.equal(secret.properties.managed, true);
    assert.equal(secret.properties.contentType, 'application/x-pkcs12');
    assert.equal(secret.properties.certificateKeyId, certificate.keyId);
    const pfx = parsePkcs12(Buffer.from(secret.value as string, 'base64'));
    assert.ok(pfx.privateKey);
    assert.ok(x509.checkPrivateKey(pfx.privateKey), 'the secret holds the certificate’s private key');
    assert.ok(pfx.certificates[0].equals(x509.raw));
  });

  it('builds EC certificates on the policy curve and a PEM secret with key and certificate', async () => {
    const poller = await h.client.beginCreateCertificate(
      'edge-ec',
      { issuerName: 'Self', subject: 'CN=edge.contoso.com', keyType: 'EC', keyCurveName: 'P-384', contentType: 'application/x-pem-file', validityInMonths: 12 },
      POLL,
    );
    now += ISSUE_DELAY_MS;
    const certificate = await poller.pollUntilDone();
    const x509 = new X509Certificate(Buffer.from(certificate.cer as Uint8Array));
    assert.equal(x509.publicKey.asymmetricKeyType, 'ec');
    assert.equal(x509.publicKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    const secret = await h.secrets.getSecret('edge-ec');
    assert.equal(secret.properties.contentType, 'application/x-pem-file');
    const pem = secret.value as string;
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----/);
    assert.ok(x509.checkPrivateKey(createPrivateKey(pem)));
    assert.ok(pem.includes(x509.toString().trim()));
    const key = await h.keys.getKey('edge-ec');
    assert.equal(key.keyType, 'EC');
    assert.equal(key.key?.crv, 'P-384');
  });

  it('cancels as the service does: the cancel answers inProgress with cancellation_requested, the next read shows cancelled', async () => {
    await h.client.beginCreateCertificate('to-cancel-raw', { issuerName: 'Self', subject: 'CN=cancel.raw' }, POLL);
    const patched = await rawRequest(`${h.vaultUrl}/certificates/to-cancel-raw/pending?api-version=7.4`, {
      ca: h.emulator.caPem,
      method: 'PATCH',
      body: '{"cancellation_requested":true}',
    });
    const answered = patched.json as Record<string, unknown>;
    assert.equal(answered.status, 'inProgress', "the PATCH's own answer");
    assert.equal(answered.cancellation_requested, true);
    assert.equal((await h.pendingOperation('to-cancel-raw')).body.status, 'cancelled', 'the next read');

    const poller = await h.client.beginCreateCertificate('to-cancel', { issuerName: 'Self', subject: 'CN=cancel.me' }, POLL);
    await poller.cancelOperation();
    assert.equal(poller.getOperationState().isCancelled, true);
    await assert.rejects(poller.pollUntilDone(), /cancel/i);
    now += ISSUE_DELAY_MS;
    const read = (await h.client.getCertificateOperation('to-cancel')).getOperationState().certificateOperation;
    assert.equal(read?.status, 'cancelled');
    const op = await h.pendingOperation('to-cancel');
    assert.equal(op.body.status, 'cancelled', 'time passing does not issue a cancelled request');
    assert.equal(op.body.cancellation_requested, true);
    assert.equal(op.body.error, undefined, 'a cancelled operation carries no error, as on the service');
    assert.equal((await h.client.getCertificate('to-cancel')).cer, undefined);
  });

  it('fails for an issuer name that is not configured, with an error naming it', async () => {
    const poller = await h.client.beginCreateCertificate('bad-issuer', { issuerName: 'NoSuchCA', subject: 'CN=x' }, POLL);
    now += ISSUE_DELAY_MS;
    await assert.rejects(poller.pollUntilDone(), /Issuer not found: NoSuchCA/);
    await assert.rejects(h.client.getCertificateOperation('bad-issuer'), /Issuer not found: NoSuchCA/);
    const op = await h.pendingOperation('bad-issuer');
    assert.equal(op.body.status, 'failed');
    const error = op.body.error as { code: string; message: string; innererror: unknown };
    assert.deepEqual(error, { code: 'CertificateIssuerNotFound', message: error.message, innererror: { code: 'CertificateIssuerNotFound', message: error.message } });
    assert.equal(op.body.target, undefined);
    assert.equal((await h.client.getCertificate('bad-issuer')).cer, undefined);
  });

  it('issues through a configured issuer with a real chain', async () => {
    await h.client.createIssuer('digicert-emu', 'DigiCert', { accountId: 'acct-1', password: 'issuer-password' });
    const poller = await h.client.beginCreateCertificate('via-issuer', { issuerName: 'digicert-emu', subject: 'CN=shop.contoso.com' }, POLL);
    now += ISSUE_DELAY_MS;
    const certificate = await poller.pollUntilDone();
    const leaf = new X509Certificate(Buffer.from(certificate.cer as Uint8Array));
    const pfx = parsePkcs12(Buffer.from((await h.secrets.getSecret('via-issuer')).value as string, 'base64'));
    assert.equal(pfx.certificates.length, 2, 'leaf and issuing CA');
    const ca = new X509Certificate(pfx.certificates[1]);
    assert.match(ca.subject, /DigiCert/);
    assert.equal(leaf.issuer, ca.subject);
    assert.ok(leaf.verify(ca.publicKey));
  });

  it('issues through an issuer configured only after the create: signed in the background, installed on a later poll', async () => {
    const poller = await h.client.beginCreateCertificate('late-issuer', { issuerName: 'late-ca', subject: 'CN=late.contoso.com' }, POLL);
    await h.client.createIssuer('late-ca', 'DigiCert', { accountId: 'acct-2', password: 'issuer-password' });
    now += ISSUE_DELAY_MS;
    const certificate = await poller.pollUntilDone();
    const leaf = new X509Certificate(Buffer.from(certificate.cer as Uint8Array));
    const pfx = parsePkcs12(Buffer.from((await h.secrets.getSecret('late-issuer')).value as string, 'base64'));
    assert.equal(pfx.certificates.length, 2, 'leaf and the late issuer\'s CA');
    assert.ok(leaf.verify(new X509Certificate(pfx.certificates[1]).publicKey));
  });

  it('with issuer Unknown stays pending until the signed certificate is merged', async () => {
    const poller = await h.client.beginCreateCertificate('external', { issuerName: 'Unknown', subject: 'CN=partner.contoso.com' }, POLL);
    now += ISSUE_DELAY_MS * 10;
    const op = (await h.client.getCertificateOperation('external')).getOperationState().certificateOperation;
    assert.equal(op?.status, 'inProgress');
    assert.match(op?.statusDetails ?? '', /Merge/);
    const csr = parseCsr(Buffer.from(op?.csr as Uint8Array));
    assert.ok(csr.signatureValid);

    // A CA outside the vault signs the CSR.
    const caKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const from = new Date(now);
    const ca = await createCertificate({ subject: 'CN=Partner CA', privateKey: caKey, notBefore: from, notAfter: new Date(now + 365 * 86_400_000), isCA: true });
    const signed = await createCertificate({
      subject: csr.subject,
      publicKey: csr.publicKey,
      issuer: { certificate: ca.der, privateKey: caKey },
      notBefore: from,
      notAfter: new Date(now + 90 * 86_400_000),
    });
    const merged = await h.client.mergeCertificate('external', [signed.der, ca.der]);
    assert.ok(Buffer.from(merged.cer as Uint8Array).equals(signed.der));
    const done = await poller.pollUntilDone();
    assert.equal(done.properties.enabled, true);
    const pfx = parsePkcs12(Buffer.from((await h.secrets.getSecret('external')).value as string, 'base64'));
    assert.ok(new X509Certificate(signed.der).checkPrivateKey(pfx.privateKey as never));
  });

  it('merges x5c entries given as base64 of the DER text or of PEM, as SDK callers send them', async () => {
    for (const [name, encode] of [
      ['merge-b64-text', (der: Buffer) => Buffer.from(der.toString('base64'))],
      ['merge-pem-text', (der: Buffer) => Buffer.from(`-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`)],
    ] as const) {
      await h.client.beginCreateCertificate(name, { issuerName: 'Unknown', subject: `CN=${name}` }, POLL);
      const op = (await h.client.getCertificateOperation(name)).getOperationState().certificateOperation;
      const csr = parseCsr(Buffer.from(op?.csr as Uint8Array));
      const caKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const ca = await createCertificate({ subject: 'CN=Text CA', privateKey: caKey, notBefore: new Date(now), notAfter: new Date(now + 86_400_000), isCA: true });
      const signed = await createCertificate({ subject: csr.subject, publicKey: csr.publicKey, issuer: { certificate: ca.der, privateKey: caKey }, notBefore: new Date(now), notAfter: new Date(now + 86_400_000) });
      const merged = await h.client.mergeCertificate(name, [encode(signed.der), encode(ca.der)]);
      assert.ok(Buffer.from(merged.cer as Uint8Array).equals(signed.der), name);
    }
  });

  it('refuses a merge whose certificate is for another key', async () => {
    await h.client.beginCreateCertificate('merge-mismatch', { issuerName: 'Unknown', subject: 'CN=m' }, POLL);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const wrong = await createCertificate({ subject: 'CN=m', privateKey: other, notBefore: new Date(now), notAfter: new Date(now + 86_400_000) });
    await assert.rejects(h.client.mergeCertificate('merge-mismatch', [wrong.der]), /doesn't match/);
  });

  it('deletes a pending operation, after which GET /pending answers 404', async () => {
    await h.client.beginCreateCertificate('drop-op', { issuerName: 'Unknown', subject: 'CN=drop' }, POLL);
    const removed = await h.client.deleteCertificateOperation('drop-op');
    assert.equal(removed.status, 'inProgress');
    await assert.rejects(h.client.getCertificateOperation('drop-op'), (err: Error & { statusCode?: number }) => err.statusCode === 404);
  });

  it('answers 400 naming the problem for a bad policy', async () => {
    await assert.rejects(
      h.client.beginCreateCertificate('bad-size', { issuerName: 'Self', subject: 'CN=x', keyType: 'RSA', keySize: 1024 }, POLL),
      /Unsupported RSA key size 1024\. Supported values are 2048, 3072, 4096/,
    );
  });

  it('refuses a subject that is not a distinguished name with 400 BadParameter before storing any certificate, key or secret', async () => {
    // Default retries, as an SDK user has them: a 5xx here would be retried, each time leaving a key version.
    const retrying = new CertificateClient(h.vaultUrl, testCredential, {
      tlsOptions: { ca: h.emulator.caPem },
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
    });
    const bad: [string, RegExp][] = [
      ['CN=x;junk', /"junk" is not of the form TYPE=value/],
      ['CN="unterminated', /Unterminated quote/],
      ['CN=a"b', /double quote inside a value must be escaped/],
      ['CN=x,', /Empty component/],
      ['CN=', /empty value/],
      ['C=USA', /two-letter ISO 3166 code/],
      ['SERIALNUMBER=a@b', /SERIALNUMBER allows only/],
      ['E=\u00e9@contoso.com', /E allows only ASCII/],
      ['1.99.3=x', /second arc must be below 40/],
      ['FOO=bar', /Unknown attribute "FOO"/],
      ['CN=x\\', /Dangling backslash/],
    ];
    for (const [i, [subject, problem]] of bad.entries()) {
      const name = `bad-subject-${i}`;
      await assert.rejects(
        retrying.beginCreateCertificate(name, { issuerName: 'Self', subject }, POLL),
        (err: Error & { statusCode?: number; code?: string }) => {
          assert.equal(err.statusCode, 400, `${subject}: ${err.message}`);
          assert.equal(err.code, 'BadParameter');
          assert.match(err.message, /'x509_props\.subject' is not a distinguished name/);
          assert.match(err.message, problem);
          return true;
        },
      );
      await assert.rejects(h.client.getCertificate(name), (err: Error & { statusCode?: number }) => err.statusCode === 404);
      // Listing the versions of a name that was never stored is a 404.
      await assert.rejects(collect(h.keys.listPropertiesOfKeyVersions(name)), { statusCode: 404 }, `${subject}: no key left behind`);
      await assert.rejects(collect(h.secrets.listPropertiesOfSecretVersions(name)), { statusCode: 404 }, `${subject}: no secret left behind`);
    }
  });

  it('refuses a bad subject in a policy update, keeping the policy as it was', async () => {
    const poller = await h.client.beginCreateCertificate('good-subject', { issuerName: 'Self', subject: 'CN="a, b", O=Contoso' }, POLL);
    now += ISSUE_DELAY_MS;
    await poller.pollUntilDone();
    await assert.rejects(h.client.updateCertificatePolicy('good-subject', { issuerName: 'Self', subject: 'CN=x;junk' }), {
      statusCode: 400,
      code: 'BadParameter',
    });
    assert.equal((await h.client.getCertificatePolicy('good-subject')).subject, 'CN="a, b", O=Contoso');
  });
});
