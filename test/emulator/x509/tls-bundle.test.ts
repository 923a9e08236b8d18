import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { createTlsBundle } from '../../../src/emulator/x509/tls-bundle.js';
import { ipv6SanBroken } from '../../helpers/node-ipv6-san.js';

const bundle = await createTlsBundle();

async function listen(host: string): Promise<tls.Server> {
  const server = tls.createServer({ cert: bundle.certPem, key: bundle.keyPem }, (socket) => socket.end('hello'));
  server.listen(0, host);
  await once(server, 'listening');
  return server;
}

/** Connects trusting only `ca`; resolves with what the server said or rejects with the TLS error. */
function fetchGreeting(options: tls.ConnectionOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options, () => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
    });
    socket.on('error', reject);
  });
}

/** Whether this machine can bind ::1 (detected, not assumed). */
async function hasIpv6Loopback(): Promise<boolean> {
  const probe = net.createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('createTlsBundle', () => {
  let v4: tls.Server;
  let v6: tls.Server | undefined;
  before(async () => {
    v4 = await listen('127.0.0.1');
    if (await hasIpv6Loopback()) v6 = await listen('::1');
  });
  after(() => {
    v4.close();
    v6?.close();
  });

  it('makes a CA and a leaf for localhost, 127.0.0.1 and ::1 that node accepts', () => {
    const ca = new X509Certificate(bundle.caPem);
    const leaf = new X509Certificate(bundle.certPem);
    assert.equal(ca.ca, true);
    assert.equal(leaf.ca, false);
    assert.ok(leaf.checkIssued(ca));
    assert.ok(leaf.verify(ca.publicKey));
    assert.ok(leaf.checkHost('localhost'));
    assert.ok(leaf.checkIP('127.0.0.1'));
    assert.ok(leaf.checkIP('::1'));
    assert.equal(ca.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.ok(new Date(leaf.validFrom) < new Date(), 'valid already');
  });

  it('is trusted over TLS by a client that trusts only the CA, for 127.0.0.1 and localhost', async () => {
    const port = (v4.address() as AddressInfo).port;
    assert.equal(await fetchGreeting({ host: '127.0.0.1', port, ca: bundle.caPem }), 'hello');
    assert.equal(await fetchGreeting({ host: '127.0.0.1', port, servername: 'localhost', ca: bundle.caPem }), 'hello');
  });

  it('is trusted over TLS for ::1', async (t) => {
    if (!v6) return t.skip('this machine has no IPv6 loopback');
    if (ipv6SanBroken) return t.skip(ipv6SanBroken);
    const port = (v6.address() as AddressInfo).port;
    assert.equal(await fetchGreeting({ host: '::1', port, ca: bundle.caPem }), 'hello');
  });

  it('is rejected by a client that trusts another CA or names another host', async () => {
    const port = (v4.address() as AddressInfo).port;
    const other = await createTlsBundle();
    await assert.rejects(fetchGreeting({ host: '127.0.0.1', port, ca: other.caPem }), /self-signed|unable to verify|UNABLE_TO_GET_ISSUER/i);
    await assert.rejects(
      fetchGreeting({ host: '127.0.0.1', port, servername: 'vault.azure.net', ca: bundle.caPem }),
      /does not match|altnames/i,
    );
  });

  it('adds extra names when asked and rejects a non-positive validity', async () => {
    const custom = await createTlsBundle({ dnsNames: ['localhost', 'kv.localhost'], ipAddresses: ['127.0.0.1'], validDays: 1 });
    const leaf = new X509Certificate(custom.certPem);
    assert.ok(leaf.checkHost('kv.localhost'));
    assert.equal(leaf.checkIP('::1'), undefined);
    await assert.rejects(createTlsBundle({ validDays: 0 }), /validDays must be a positive number/);
  });
});
