// TLS material: generated once and cached (keys owner-only), renewed before expiry, or given
// by the user; clients trust it per client or through the CA file.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import { loadOrCreateTlsMaterial, userTlsMaterial } from '../../src/emulator/tls.js';
import { createTlsBundle } from '../../src/emulator/x509/index.js';
import { rawRequest } from './support/raw-request.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kvx-tls-'));
  dirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('generated material', () => {
  test('a leaf for localhost, 127.0.0.1 and ::1 signed by the CA, cached with the keys owner-only', async () => {
    const dir = tempDir();
    const m = await loadOrCreateTlsMaterial(dir);
    const leaf = new X509Certificate(m.cert);
    const ca = new X509Certificate(m.caPem);
    assert.ok(leaf.checkIssued(ca));
    assert.ok(leaf.verify(ca.publicKey));
    assert.equal(leaf.checkHost('localhost'), 'localhost');
    assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(leaf.checkIP('::1'), '::1');
    assert.equal(ca.ca, true);
    assert.equal(statSync(path.join(dir, 'bundle.json')).mode & 0o777, 0o600);
    assert.ok(m.caFile?.startsWith(dir));
    assert.equal(readFileSync(m.caFile ?? '', 'utf8'), m.caPem);
  });

  test('a second start reuses the cached pair', async () => {
    const dir = tempDir();
    const first = await loadOrCreateTlsMaterial(dir);
    const second = await loadOrCreateTlsMaterial(dir);
    assert.equal(second.caPem, first.caPem);
    assert.equal(second.key, first.key);
    assert.equal(second.caFile, first.caFile);
  });

  test('a pair close to expiry, or a damaged cache, is replaced', async () => {
    const dir = tempDir();
    const first = await loadOrCreateTlsMaterial(dir);
    const validTo = Date.parse(new X509Certificate(first.cert).validTo);
    const renewed = await loadOrCreateTlsMaterial(dir, validTo - 86_400_000);
    assert.notEqual(renewed.caPem, first.caPem);
    writeFileSync(path.join(dir, 'bundle.json'), '{"key": 1');
    const repaired = await loadOrCreateTlsMaterial(dir);
    assert.notEqual(repaired.caPem, renewed.caPem);
  });

  test('a stock Node client trusting the CA file reaches the vault', async () => {
    const dir = tempDir();
    const emu = await startEmulator({ tlsCacheDir: dir });
    try {
      assert.ok(emu.caFile);
      const res = await rawRequest(`${emu.vaults[0].url}/secrets?api-version=7.6`, { ca: readFileSync(emu.caFile, 'utf8') });
      assert.equal(res.status, 200);
    } finally {
      await emu.stop();
    }
  });
});

describe('user material', () => {
  test('a given certificate and key are served, and clients trust the given CA', async () => {
    const bundle = await createTlsBundle();
    const emu = await startEmulator({ cert: bundle.certPem, key: bundle.keyPem, ca: bundle.caPem });
    try {
      assert.equal(emu.caPem, bundle.caPem);
      assert.equal(emu.caFile, undefined);
      const res = await rawRequest(`${emu.vaults[0].url}/secrets?api-version=7.6`, { ca: bundle.caPem });
      assert.equal(res.status, 200);
    } finally {
      await emu.stop();
    }
  });

  test('a key that does not match, a non-PEM certificate, or only one of the two is refused clearly', async () => {
    const a = await createTlsBundle();
    const b = await createTlsBundle();
    assert.throws(() => userTlsMaterial(a.certPem, b.keyPem), /does not belong to the TLS certificate/);
    assert.throws(() => userTlsMaterial('not a cert', a.keyPem), /not a PEM X\.509 certificate/);
    assert.throws(() => userTlsMaterial(a.certPem, 'not a key'), /not a PEM private key/);
    await assert.rejects(startEmulator({ cert: a.certPem }), /both a TLS certificate and its key/);
  });
});
