// Gates through the wire: the admin API under /_emulator/gates and the library handle hold a
// certificate issue, a delete and a purge while the real SDK pollers keep polling, and each
// completes after release. emu.idle() is the barrier for "everything sent has been logged".
import assert from 'node:assert/strict';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { CertificatesHarness } from './certificates/certificate-test-harness.js';
import { startCertificatesHarness } from './certificates/certificate-test-harness.js';
import { waitFor } from './support/emulator-harness.js';
import { rawRequest } from './support/raw-request.js';

const POLL = { intervalInMs: 5 };
const policy = { subject: 'CN=gated.example', issuerName: 'Self' } as const;

describe('gates over the wire', () => {
  let h: CertificatesHarness;
  const log: RequestLogEntry[] = [];
  const count = (method: string, path: string) => log.filter((e) => e.method === method && e.path === path).length;
  const admin = (path: string, method = 'GET', body?: unknown) =>
    rawRequest(`${h.vaultUrl}/_emulator/gates${path}`, { method, ca: h.emulator.caPem, token: null, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  before(async () => {
    h = await startCertificatesHarness({ onRequest: (e) => log.push(e) });
  });
  after(() => h.stop());

  it('POST /_emulator/gates holds a certificate issue: inProgress while polled, completed after DELETE /_emulator/gates/{id}', async () => {
    const made = await admin('', 'POST', { operation: 'certificate-issue', name: 'gated-cert' });
    assert.equal(made.status, 201, made.text);
    const gate = made.json as { id: number; vault: string; caught: number; released: boolean };
    assert.equal(gate.vault, 'certs-test');
    assert.equal(gate.caught, 0);

    const poller = await h.client.beginCreateCertificate('gated-cert', policy, POLL);
    const done = poller.pollUntilDone();
    await waitFor(() => count('GET', '/certificates/gated-cert/pending') >= 3, 'the poller to poll a held issue three times');
    assert.equal(poller.isDone(), false);
    assert.equal(((await admin(`/${gate.id}`)).json as { caught: number }).caught, 1);
    assert.deepEqual(((await admin('')).json as { gates: { id: number }[] }).gates.map((g) => g.id), [gate.id]);

    const released = await admin(`/${gate.id}`, 'DELETE');
    assert.equal(released.status, 200);
    assert.equal((released.json as { released: boolean }).released, true);
    const certificate = await done;
    assert.ok(certificate.cer, 'issued once released');
    assert.deepEqual(((await admin('')).json as { gates: unknown[] }).gates, []);
  });

  it('a held certificate issue can still be cancelled', async () => {
    const gate = h.emulator.gates.hold({ operation: 'certificate-issue', vault: 'certs-test', name: 'cancel-me' });
    try {
      const poller = await h.client.beginCreateCertificate('cancel-me', policy, POLL);
      await gate.caught();
      await poller.cancelOperation();
      const pending = await h.pendingOperation('cancel-me');
      assert.equal(pending.body.status, 'cancelled');
    } finally {
      gate.release();
    }
  });

  it('a held delete keeps the SDK poller polling (404) until release, then it finishes', async () => {
    await h.secrets.setSecret('gated-secret', 'x');
    const gate = h.emulator.gates.hold({ operation: 'delete', collection: 'secrets', name: 'gated-secret' });
    const poller = await h.secrets.beginDeleteSecret('gated-secret', POLL);
    const done = poller.pollUntilDone();
    await gate.caught();
    await waitFor(() => count('GET', '/deletedsecrets/gated-secret') >= 3, 'three polls of a held delete');
    assert.equal(poller.isDone(), false);
    await assert.rejects(h.secrets.setSecret('gated-secret', 'y'), { statusCode: 409 });
    gate.release();
    const deleted = await done;
    assert.equal(deleted.name, 'gated-secret');
  });

  it('a held purge keeps the deleted secret listed until release', async () => {
    await h.secrets.setSecret('gated-purge', 'x');
    await (await h.secrets.beginDeleteSecret('gated-purge', POLL)).pollUntilDone();
    const made = await admin('', 'POST', { operation: 'purge', collection: 'secrets', name: 'gated-purge' });
    const id = (made.json as { id: number }).id;
    await h.secrets.purgeDeletedSecret('gated-purge');
    assert.equal((await h.secrets.getDeletedSecret('gated-purge')).name, 'gated-purge', 'still there while the purge is held');
    const all = await admin('', 'DELETE');
    assert.deepEqual((all.json as { gates: { id: number }[] }).gates.map((g) => g.id), [id]);
    await assert.rejects(h.secrets.getDeletedSecret('gated-purge'), { statusCode: 404 });
  });

  it('a request gate keeps matching requests unanswered until release; others go through', async () => {
    await h.secrets.setSecret('held-get', 'v1');
    const made = await admin('', 'POST', { operation: 'request', method: 'GET', path: '/secrets/held-get/*' });
    assert.equal(made.status, 201, made.text);
    const id = (made.json as { id: number }).id;
    let answered = false;
    const get = h.secrets.getSecret('held-get').then((s) => ((answered = true), s));
    await waitFor(async () => ((await admin(`/${id}`)).json as { caught: number }).caught === 1, 'the GET to be held');
    // Barrier: other requests are answered meanwhile, the held one is not.
    await h.secrets.setSecret('not-held', 'x');
    assert.equal(answered, false);
    assert.equal(h.emulator.inFlight(), 1);
    await admin(`/${id}`, 'DELETE');
    assert.equal((await get).value, 'v1');
  });

  it('the admin API says what is wrong: bad spec 400, unknown id 404, vault given 400', async () => {
    const bad = await admin('', 'POST', { operation: 'rotate' });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: { message: string } }).error.message, /allowed: delete, purge, certificate-issue, request/);
    const withVault = await admin('', 'POST', { operation: 'delete', vault: 'elsewhere' });
    assert.equal(withVault.status, 400);
    const unknown = await admin('/999999', 'DELETE');
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as { error: { code: string } }).error.code, 'GateNotFound');
  });

  it('idle() waits for a request the emulator has received until it is answered and logged', async () => {
    // A request whose body is still being sent stays in flight until the test finishes it:
    // no delay decides what idle() sees.
    const body = JSON.stringify({ value: 'idle-value' });
    const url = new URL(`${h.vaultUrl}/secrets/idle-secret?api-version=7.6`);
    const req = https.request(url, { method: 'PUT', ca: h.emulator.caPem, agent: false, headers: { authorization: 'Bearer idle-test', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    req.write(body.slice(0, 5));
    await waitFor(() => h.emulator.inFlight() === 1, 'the request to arrive');
    let idle = false;
    const waiting = h.emulator.idle().then(() => (idle = true));
    // Barrier: another request answered from start to end meanwhile.
    assert.equal((await admin('')).status, 200);
    assert.equal(idle, false, 'not idle while a received request is unanswered');
    req.end(body.slice(5));
    assert.equal(await answered, 200);
    await waiting;
    assert.equal(h.emulator.inFlight(), 0);
    assert.equal(count('PUT', '/secrets/idle-secret'), 1, 'it is in the log');
  });
});
