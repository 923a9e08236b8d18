import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { createCertificate } from '../../../src/emulator/x509/certificate.js';
import { createPkcs12, parsePkcs12 } from '../../../src/emulator/x509/pkcs12.js';

const run = promisify(execFile);
const now = Date.now();
const validity = { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 86_400_000) };

async function chain() {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caCert = await createCertificate({ subject: 'CN=P12 CA', privateKey: ca.privateKey, ...validity, isCA: true, keyUsage: ['keyCertSign'] });
  const leaf = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const leafCert = await createCertificate({
    subject: 'CN=localhost',
    publicKey: leaf.publicKey,
    issuer: { certificate: caCert.der, privateKey: ca.privateKey },
    ...validity,
    sans: { dns: ['localhost'], ip: ['127.0.0.1'] },
  });
  return { caCert, leaf, leafCert };
}

async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

describe('PKCS#12', () => {
  it('writes an unprotected PFX (as Key Vault exports) that a Node TLS server can serve', async () => {
    const { caCert, leaf, leafCert } = await chain();
    const pfx = createPkcs12({ privateKey: leaf.privateKey, certificates: [leafCert.der, caCert.pem] });
    const server = tls.createServer({ pfx }, (socket) => socket.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as AddressInfo).port;
      const text = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, ca: caCert.pem }, () => {
          socket.setEncoding('utf8');
          let got = '';
          socket.on('data', (chunk: string) => (got += chunk));
          socket.on('end', () => resolve(got));
        });
        socket.on('error', reject);
      });
      assert.equal(text, 'ok');
    } finally {
      server.close();
    }
    const back = parsePkcs12(pfx);
    assert.ok(back.privateKey?.equals(leaf.privateKey));
    assert.deepEqual(back.certificates, [leafCert.der, caCert.der]);
  });

  it('writes a password-protected PFX that OpenSSL opens only with that password', async () => {
    const { leaf, leafCert } = await chain();
    const pfx = createPkcs12({ privateKey: leaf.privateKey, certificates: [leafCert.pem], password: 'pässwörd', friendlyName: 'web' });
    assert.doesNotThrow(() => tls.createSecureContext({ pfx, passphrase: 'pässwörd' }));
    assert.throws(() => tls.createSecureContext({ pfx, passphrase: 'wrong' }));
    const back = parsePkcs12(pfx, 'pässwörd');
    assert.ok(back.privateKey?.equals(leaf.privateKey));
    assert.equal(new X509Certificate(back.certificates[0]).subject, 'CN=localhost');
  });

  it('says the password is wrong without echoing it', async () => {
    const { leaf, leafCert } = await chain();
    const pfx = createPkcs12({ privateKey: leaf.privateKey, certificates: [leafCert.der], password: 'right-one' });
    assert.throws(
      () => parsePkcs12(pfx, 'guess-123'),
      (error: Error) => /password is wrong/.test(error.message) && !error.message.includes('guess-123'),
    );
    assert.throws(() => parsePkcs12(pfx), /password is wrong/);
  });

  it('reads PFX files made by OpenSSL, modern (AES) and legacy (3DES)', async (t) => {
    if (!(await hasOpenssl())) return t.skip('no openssl binary on this machine');
    const { caCert, leaf, leafCert } = await chain();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kvx-p12-'));
    try {
      writeFileSync(path.join(dir, 'key.pem'), leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(path.join(dir, 'cert.pem'), leafCert.pem);
      writeFileSync(path.join(dir, 'ca.pem'), caCert.pem);
      const base = ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-certfile', 'ca.pem', '-passout', 'pass:s3cret'];
      await run('openssl', [...base, '-out', 'modern.pfx'], { cwd: dir });
      await run('openssl', [...base, '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', 'legacy.pfx'], { cwd: dir });
      for (const file of ['modern.pfx', 'legacy.pfx']) {
        const parsed = parsePkcs12(readFileSync(path.join(dir, file)), 's3cret');
        assert.ok(parsed.privateKey?.equals(leaf.privateKey), file);
        assert.equal(parsed.certificates.length, 2, file);
        assert.deepEqual(parsed.certificates[0], leafCert.der, `${file}: the key's certificate comes first`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad input clearly', async () => {
    const { leaf, leafCert, caCert } = await chain();
    assert.throws(() => parsePkcs12(Buffer.from('hello')), /not a PKCS#12/);
    assert.throws(() => createPkcs12({ privateKey: leaf.privateKey, certificates: [] }), /at least the certificate/);
    assert.throws(() => createPkcs12({ privateKey: leaf.privateKey, certificates: [caCert.der] }), /does not belong to the private key/);
    assert.throws(() => createPkcs12({ privateKey: leaf.privateKey, certificates: [leafCert.der], iterations: 0 }), /positive integer/);
  });
});
