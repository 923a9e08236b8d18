// Certificate operations against the emulator: create shows the service's inProgress until
// completed, cancel at the service ends as cancelled, keys create and rotate. A gate holds
// each issue until the test has seen it inProgress (no issue delay to beat).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CertificateInput } from '../../src/store/mutations/inputs.js';
import type { MutationHarness } from './mutations/mutation-harness.js';
import { startMutationHarness, waitFor } from './mutations/mutation-harness.js';

describe('certificate and key operations', () => {
  let h: MutationHarness;
  before(async () => {
    h = await startMutationHarness({ certificateIssueDelayMs: 0 });
  });
  after(() => h.stop());

  const input = (name: string): CertificateInput => ({
    vault: h.vaultUrl,
    name,
    subject: `CN=${name}.contoso.com`,
    dnsNames: [`${name}.contoso.com`],
    validityInMonths: 12,
    keyType: 'RSA',
    format: 'PEM',
  });

  it('create goes inProgress → completed and the certificate is issued', async () => {
    const gate = h.emulator.gates.hold({ operation: 'certificate-issue', name: 'issued' });
    const id = h.actions.createCertificate(input('issued'));
    await waitFor(() => h.operation(id).detail === 'inProgress', 'the pending operation');
    assert.match(h.operation(id).lastPoll ?? '', /certificates\/issued\/pending → 200|certificates\/issued\/create → 202/);
    gate.release();
    const op = await h.settle(id);
    assert.equal(op.state, 'succeeded', JSON.stringify(op.error));
    const steps = h.history.get(id) ?? [];
    assert.equal(steps[0], 'running:creating');
    assert.ok(steps.indexOf('running:inProgress') > 0, steps.join(', '));
    assert.equal(steps.at(-1), 'succeeded:completed');
    assert.ok(steps.every((step) => /^(running:(creating|inProgress|completed)|succeeded:completed)$/.test(step)), steps.join(', '));
    const cert = await h.clients.certificates().getCertificate('issued');
    assert.ok(cert.cer && cert.cer.length > 0);
  });

  it('cancel during issuance cancels at the service and shows cancelled', async () => {
    const gate = h.emulator.gates.hold({ operation: 'certificate-issue', name: 'to-cancel' });
    try {
      const id = h.actions.createCertificate(input('to-cancel'));
      await waitFor(() => h.operation(id).detail === 'inProgress', 'the pending operation');
      await h.actions.cancelOperation(id);
      const op = await h.settle(id);
      assert.equal(op.state, 'cancelled', JSON.stringify(op));
      assert.equal(op.detail, 'cancelled');
      assert.ok(h.requests.some((r) => r.method === 'PATCH' && r.path === '/certificates/to-cancel/pending'), 'the PATCH reached the service');
    } finally {
      gate.release();
    }
  });

  it('keys: create RSA, EC and oct-HSM, then rotate', async () => {
    const ids = [
      h.actions.createKey({ vault: h.vaultUrl, name: 'rsa-key', keyType: 'RSA', keySize: 3072, keyOps: ['sign', 'verify'] }),
      h.actions.createKey({ vault: h.vaultUrl, name: 'ec-key', keyType: 'EC', curve: 'P-384' }),
      h.actions.createKey({ vault: h.vaultUrl, name: 'oct-key', keyType: 'oct-HSM', keySize: 256 }),
    ];
    for (const id of ids) {
      const op = await h.settle(id);
      assert.equal(op.state, 'succeeded', JSON.stringify(op.error));
    }
    const ec = await h.clients.keys().getKey('ec-key');
    assert.equal(ec.key?.crv, 'P-384');
    const rsa = await h.clients.keys().getKey('rsa-key');
    assert.deepEqual(rsa.keyOperations, ['sign', 'verify']);
    const rotate = await h.settle(h.actions.rotateKey({ kind: 'keys', name: 'rsa-key', vaultUrl: h.vaultUrl }));
    assert.equal(rotate.state, 'succeeded', JSON.stringify(rotate.error));
    assert.match(rotate.detail, /^rotated: version /);
  });
});
