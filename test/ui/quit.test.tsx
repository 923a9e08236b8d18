// Quitting in an incident: q and Ctrl-C leave at once even while sign-in hangs (the pending
// request is aborted, not waited for), and with operations running kvx first says what stays
// undone and asks — wait for them, quit anyway, or stay; Ctrl-C twice quits without asking.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { describe, it } from 'node:test';
import type { RequestLogEntry } from '../../src/emulator/server.js';
import { LocalIdentityCredential } from '../../src/auth/local-identity-credential.js';
import { startUi } from '../helpers/ui-harness.js';
import { waitFor } from '../store/store-harness.js';

const loaded = (f: string) => f.includes('acr-pull-token') && /\d items · /.test(f);

/**
 * A token endpoint that reads requests and never answers, like a wedged IMDS proxy. `asked`
 * holds the connections a token request came on (fetch may also keep an idle one in its pool).
 */
async function hungEndpoint(): Promise<{ url: string; asked: Socket[]; server: Server }> {
  const asked: Socket[] = [];
  const server = createServer((socket) => {
    socket.once('data', () => asked.push(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/msi/token`, asked, server };
}

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  void promise.finally(() => (done = true));
  return () => done;
}

describe('q and Ctrl-C while sign-in hangs', () => {
  for (const key of ['q', 'ctrl+c'] as const) {
    it(`${key} exits at once, aborting the pending sign-in; the screen said it was signing in`, async () => {
      const hung = await hungEndpoint();
      // A credential that would wait two minutes by itself: only the store's abort ends it early.
      const credential = new LocalIdentityCredential({ endpoint: hung.url, identityHeader: 'h', timeoutMs: 120_000 });
      const t = await startUi({ columns: 100, rows: 30, store: { credential, credentialLabel: 'managed identity' }, disposeOnExit: true });
      try {
        const frame = await t.waitFor((f) => /signing in with managed identity… \d+ s/.test(f), 20_000);
        assert.ok(!frame.includes('loading secrets'), frame);
        await waitFor(() => hung.asked.length > 0, 'the token request to reach the hung endpoint');
        const exited = settled(t.waitUntilExit());
        await t.press(key);
        await waitFor(exited, 'kvx to exit', 1000);
        await waitFor(() => hung.asked.every((s) => s.closed || s.readableEnded), 'the token request to be aborted', 1000);
      } finally {
        await t.stop();
        hung.server.close();
      }
    });
  }
});

describe('quitting with a delete-and-purge running', () => {
  it('q asks, naming what stays undone; Esc stays; w waits for it to finish, then quits', async () => {
    const requests: RequestLogEntry[] = [];
    const t = await startUi({
      columns: 100,
      rows: 30,
      emulator: { deleteDelayMs: 1500, purgeDelayMs: 200, onRequest: (r) => requests.push(r) },
      store: { operationIntervalMs: 50 },
      disposeOnExit: true,
    });
    try {
      await t.waitFor(loaded, 20_000);
      await t.press('g', 'd');
      await t.waitFor((f) => f.includes('Delete secret acr-pull-token?'));
      await t.press('p');
      await t.type('acr-pull-token');
      await t.press('return');
      await t.data.until((s) => s.operations.some((o) => o.kind === 'deleteAndPurge' && o.state === 'running'), 'the operation to run');
      await t.press('q');
      let frame = await t.waitFor((f) => f.includes('Quit with 1 operation still running?'));
      assert.match(frame, /secret acr-pull-token stays soft-deleted; it will not be purged/);
      assert.match(frame, /w wait for them {2}q\/\^C quit anyway {2}n\/Esc stay/);
      await t.press('escape');
      frame = await t.waitFor((f) => !f.includes('Quit with') && f.includes('contoso-prod ▸ secrets'));
      await t.press('q');
      await t.waitFor((f) => f.includes('Quit with 1 operation still running?'));
      const exited = settled(t.waitUntilExit());
      await t.press('w');
      await t.waitFor((f) => f.includes('Waiting for 1 operation to finish, then quitting…'));
      assert.ok(!exited(), 'still open while the operation runs');
      await waitFor(exited, 'kvx to quit once the operation finished', 20_000);
      const op = t.data.store.getSnapshot().operations.find((o) => o.kind === 'deleteAndPurge');
      assert.equal(op?.state, 'succeeded');
      assert.ok(requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/deletedsecrets/acr-pull-token')), 'the purge was sent');
    } finally {
      await t.stop();
    }
  });

  it('Ctrl-C asks, a second Ctrl-C quits without waiting: the purge is never sent', async () => {
    const requests: RequestLogEntry[] = [];
    const t = await startUi({
      columns: 100,
      rows: 30,
      emulator: { deleteDelayMs: 60_000, onRequest: (r) => requests.push(r) },
      store: { operationIntervalMs: 50 },
      disposeOnExit: true,
    });
    try {
      await t.waitFor(loaded, 20_000);
      const vault = t.data.emulator.vaults[0].url;
      t.data.store.deleteAndPurge({ kind: 'secrets', name: 'acr-pull-token', vaultUrl: vault });
      await t.data.until((s) => s.operations.some((o) => o.state === 'running' && o.detail === 'deleting'), 'the delete to run');
      await t.press('ctrl+c');
      await t.waitFor((f) => f.includes('Quit with 1 operation still running?') && f.includes('it will not be purged'));
      const exited = settled(t.waitUntilExit());
      await t.press('ctrl+c');
      await waitFor(exited, 'kvx to exit', 1000);
      assert.ok(!requests.some((r) => r.path.startsWith('/deletedsecrets/acr-pull-token') && r.method === 'DELETE'), 'no purge was sent');
    } finally {
      await t.stop();
    }
  });
});
