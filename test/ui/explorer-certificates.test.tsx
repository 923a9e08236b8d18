// Certificate files through the whole explorer against the emulator (keys in, frames out):
// importing a PEM or a password-protected PFX with i, saving a certificate to a file with w,
// and abandoning an operation from the operations panel (o, then c, then x).
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import type { CertificateDetails } from '../../src/store/types.js';
import { createCertificate, createPkcs12, toPem } from '../../src/emulator/x509/index.js';
import type { Harness } from '../helpers/render-harness.js';
import type { UiHarness } from '../helpers/ui-harness.js';
import { startUi } from '../helpers/ui-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);
/** The frame as one line of words: messages wrapped inside a box read whole. */
const flat = (f: string) => f.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
const PFX_PASSWORD = 'pfx-Pass-7f3a9c';
const WRONG_PASSWORD = 'not-It-5b2e81';

/** A self-signed certificate and its private key, made with the emulator's X.509 helpers. */
async function selfSigned(subject: string, dns: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Date.now();
  const cert = await createCertificate({ subject, privateKey, notBefore: new Date(now - 60_000), notAfter: new Date(now + 90 * 86_400_000), sans: { dns: [dns] } });
  return { privateKey, cert };
}

/** Filters the list to one name and waits until it is the selected row. */
async function select(t: Harness, name: string): Promise<void> {
  await t.press(':');
  await t.type(`filter ${name}`);
  await t.press('return');
  await t.waitFor((f) => f.includes(`› ${name}`), 10_000);
}

/** Opens the import form and fills name, file and (optionally) the PFX password. */
async function fillImport(t: Harness, name: string, file: string, password?: string): Promise<void> {
  await t.press('i');
  await t.waitFor((f) => f.includes('Import a certificate'));
  await t.type(name);
  await t.press('tab');
  await t.type(file);
  if (password !== undefined) {
    await t.press('tab');
    await t.type(password);
  }
}

describe('certificate import and download through the explorer', () => {
  let t: UiHarness;
  let dir: string;
  let pemFile: string;
  let pfxFile: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kvx-cert-ui-'));
    const pem = await selfSigned('CN=pem-import.contoso.com', 'pem-import.contoso.com');
    pemFile = path.join(dir, 'bundle.pem');
    writeFileSync(pemFile, `${pem.cert.pem}${toPem(pem.privateKey.export({ type: 'pkcs8', format: 'der' }), 'PRIVATE KEY')}`, { mode: 0o600 });
    const pfx = await selfSigned('CN=pfx-import.contoso.com', 'pfx-import.contoso.com');
    pfxFile = path.join(dir, 'bundle.pfx');
    writeFileSync(pfxFile, createPkcs12({ privateKey: pfx.privateKey, certificates: [pfx.cert.der], password: PFX_PASSWORD }), { mode: 0o600 });
    t = await startUi({ columns: 120, rows: 36, store: { operationIntervalMs: 10 } });
    await t.waitFor(loaded, 20_000);
    await t.press('4');
    await t.waitFor((f) => f.includes('contoso-prod ▸ certificates') && f.includes('› api-gateway-tls'), 10_000);
  });
  after(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('i imports a PEM file (certificate + private key) and the list shows it once the operation finishes', async () => {
    await fillImport(t, 'pem-imported', pemFile);
    await t.press('return');
    await t.waitFor((f) => /✓ import cert contoso-prod\/pem-imported/.test(f), 10_000);
    await t.waitFor((f) => !f.includes('Import a certificate') && f.includes('pem-imported'), 10_000);
    await t.data.until((s) => s.vaults[0].collections.certificates.items.some((i) => i.name === 'pem-imported'), 'the list to refresh with the import');
    await select(t, 'pem-imported');
  });

  it('a wrong PFX password is answered in the form, keeping name and file, never showing the password; the right one imports', async () => {
    await fillImport(t, 'pfx-imported', pfxFile, WRONG_PASSWORD);
    await t.press('return');
    const refused = await t.waitFor((f) => flat(f).includes('The password does not open this PFX file.'), 10_000);
    assert.ok(refused.includes('Import a certificate'), 'the form stays open');
    assert.ok(refused.includes('pfx-imported') && refused.includes('bundle.pfx'), 'what was typed is kept');
    assert.equal(t.data.store.getSnapshot().operations.filter((o) => o.target === 'pfx-imported').length, 0, 'nothing was sent');
    // Replace the password: the cursor is on the password field, which has the problem.
    for (let i = 0; i < WRONG_PASSWORD.length; i++) await t.press('backspace');
    await t.type(PFX_PASSWORD);
    await t.press('return');
    await t.waitFor((f) => /✓ import cert contoso-prod\/pfx-imported/.test(f), 10_000);
    // The form closes once it sees the outcome; the next keys are for the list.
    await t.waitFor((f) => !f.includes('Import a certificate') && f.includes('› pfx-imported'), 10_000);
    await t.data.until((s) => s.vaults[0].collections.certificates.items.some((i) => i.name === 'pfx-imported'), 'the list to refresh with the import');
    for (const secret of [PFX_PASSWORD, WRONG_PASSWORD]) {
      assert.ok(!t.output().includes(secret), 'the password never reaches the terminal');
      assert.ok(!t.data.store.getSnapshot().operations.some((o) => JSON.stringify(o).includes(secret)), 'nor an operation record');
    }
  });

  it('a missing file and a file that is neither PEM nor PFX are refused before sending, saying what is allowed', async () => {
    const missing = path.join(dir, 'nope.pem');
    await fillImport(t, 'bad-import', missing);
    await t.press('return');
    await t.waitFor((f) => flat(f).includes(`${missing} does not exist; give the path of a .pem or .pfx file.`), 10_000);
    for (let i = 0; i < missing.length; i++) await t.press('backspace');
    const junk = path.join(dir, 'notes.txt');
    writeFileSync(junk, 'just some notes, not a certificate\n');
    await t.type(junk);
    await t.press('return');
    const frame = await t.waitFor((f) => flat(f).includes(`${junk} is neither PEM (text with -----BEGIN CERTIFICATE-----) nor PFX/PKCS#12 (binary).`), 10_000);
    assert.ok(frame.includes('bad-import'), 'the name typed is kept');
    assert.equal(t.data.store.getSnapshot().operations.filter((o) => o.target === 'bad-import').length, 0, 'nothing was sent');
    // Something was typed: Esc asks before throwing it away.
    await t.press('escape');
    await t.waitFor((f) => f.includes('Discard what you changed?'));
    await t.press('y');
    await t.waitFor((f) => !f.includes('Import a certificate'));
  });

  /** Opens the download form on the selected certificate and replaces the path. */
  async function download(file: string, format: 'pem' | 'der'): Promise<void> {
    await t.press('w');
    const form = await t.waitFor((f) => f.includes('Save certificate api-gateway-tls to a file'));
    assert.ok(form.includes('api-gateway-tls.pem'), 'the path starts as <name>.pem');
    for (let i = 0; i < 'api-gateway-tls.pem'.length; i++) await t.press('backspace');
    await t.type(file);
    if (format === 'der') await t.press('tab', 'right');
    await t.press('return');
  }

  it('w saves the certificate as PEM and as DER; the file holds the vault certificate and the status line says where', async () => {
    await select(t, 'api-gateway-tls');
    const item = t.data.store.getSnapshot().vaults[0].collections.certificates.items.find((i) => i.name === 'api-gateway-tls')!;
    t.data.store.loadDetails(item);
    const snapshot = await t.data.until((s) => s.details[item.id]?.item?.certificate?.pem !== undefined, 'the certificate details');
    const inVault: CertificateDetails = snapshot.details[item.id].item!.certificate!;
    assert.ok(inVault.pem && inVault.subject, 'the vault certificate is known');
    const vaultCert = new X509Certificate(inVault.pem);
    const pemOut = path.join(dir, 'gateway.pem');
    await download(pemOut, 'pem');
    await t.waitFor((f) => flat(f).includes(`wrote certificate api-gateway-tls to ${pemOut}`), 10_000);
    const pemText = readFileSync(pemOut, 'utf8');
    assert.match(pemText, /^-----BEGIN CERTIFICATE-----\n/);
    const fromPem = new X509Certificate(pemText);

    const derOut = path.join(dir, 'gateway.der');
    await download(derOut, 'der');
    await t.waitFor((f) => flat(f).includes(`wrote certificate api-gateway-tls to ${derOut}`), 10_000);
    const fromDer = new X509Certificate(readFileSync(derOut));
    assert.equal(fromDer.fingerprint256, fromPem.fingerprint256, 'PEM and DER hold the same certificate');

    assert.equal(fromPem.fingerprint256, vaultCert.fingerprint256, 'the file holds the vault certificate');
    assert.equal(fromPem.subject, vaultCert.subject);
  });

  it('w refuses to replace an existing file and keeps it, with a message that offers only what the form can do', async () => {
    await select(t, 'api-gateway-tls');
    const existing = path.join(dir, 'existing.pem');
    writeFileSync(existing, 'keep me\n');
    await download(existing, 'pem');
    const frame = await t.waitFor((f) => flat(f).includes(`${existing} already exists`), 10_000);
    assert.ok(frame.includes('Save certificate api-gateway-tls'), 'the form stays open with the path');
    assert.ok(!flat(frame).includes('confirm replacing'), 'the form has no way to confirm replacing, so the message does not offer it');
    assert.equal(readFileSync(existing, 'utf8'), 'keep me\n', 'the existing file is untouched');
    // Something was typed: Esc asks before throwing it away.
    await t.press('escape');
    await t.waitFor((f) => f.includes('Discard what you changed?'));
    await t.press('y');
    await t.waitFor((f) => !f.includes('Save certificate'));
    assert.ok(!existsSync(path.join(dir, 'api-gateway-tls.pem')));
  });
});

describe('abandoning an operation from the operations panel', () => {
  it('o then c on a running delete shows it abandoned, sends no more polls for it, and x clears it', async () => {
    const requests: RequestLogEntry[] = [];
    const t = await startUi({
      columns: 120,
      rows: 36,
      emulator: { certificateIssueDelayMs: 0, onRequest: (entry) => requests.push(entry) },
      store: { operationIntervalMs: 10 },
    });
    // Gates instead of long delays: the delete runs until the test ends, the other operation
    // until the test has seen it polled.
    const deleteHeld = t.data.emulator.gates.hold({ operation: 'delete', name: 'acr-pull-token' });
    const issueHeld = t.data.emulator.gates.hold({ operation: 'certificate-issue', name: 'while-abandoned' });
    try {
      await t.waitFor(loaded, 20_000);
      await select(t, 'acr-pull-token');
      await t.press('d');
      await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
      await t.press('y');
      await t.waitFor((f) => /delete secret contoso-prod\/acr-pull-token {2}deleting/.test(f), 10_000);
      const polls = () => requests.filter((r) => r.method === 'GET' && r.path.startsWith('/deletedsecrets/acr-pull-token')).length;
      await t.data.until(() => polls() >= 2, 'the delete to be polled');

      await t.press('o');
      await t.waitFor((f) => f.includes('▸ Operations'));
      await t.press('c');
      await t.waitFor((f) => /delete secret contoso-prod\/acr-pull-token {2}abandoned/.test(f) && f.includes('stopped watching delete secret acr-pull-token'), 10_000);
      const op = t.data.store.getSnapshot().operations.find((o) => o.target === 'acr-pull-token')!;
      assert.equal(op.state, 'abandoned');
      // Barrier: a poll that was in flight when c was pressed is answered and logged first.
      await t.data.emulator.idle();
      const pollsAtAbandon = polls();

      // Another operation polled several times: the abandoned one must stay silent meanwhile.
      const url = t.data.emulator.vaults[0].url;
      const other = t.data.store.createCertificate({ vault: url, name: 'while-abandoned', subject: 'CN=while.contoso.com', dnsNames: [], validityInMonths: 12, keyType: 'RSA', keySize: 2048, format: 'PEM', tags: {}, enabled: true });
      const otherPolls = () => requests.filter((r) => r.path === '/certificates/while-abandoned/pending').length;
      await t.data.until(() => otherPolls() >= 5, 'the other operation to be polled five times');
      issueHeld.release();
      await t.data.until((s) => s.operations.find((o) => o.id === other)?.state === 'succeeded', 'the other operation to finish');
      await t.data.emulator.idle();
      assert.equal(polls(), pollsAtAbandon, 'no polls for the abandoned delete');

      await t.press('x');
      await t.waitFor((f) => !f.includes('acr-pull-token  abandoned') && f.includes('(0 running)'), 10_000);
      assert.equal(t.data.store.getSnapshot().operations.length, 0);
    } finally {
      deleteHeld.release();
      issueHeld.release();
      await t.stop();
    }
  });
});
