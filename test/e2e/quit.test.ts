// End to end in a real terminal (tmux with its default escape-time of 500 ms, 80x24, CI=false):
// Esc then q in one chunk quits; q while the managed-identity sign-in hangs ends the process
// within a second, terminal restored; quitting with a delete-and-purge running asks first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';
import { e2eSkip as skip, runKvx, startTmux } from './support/tmux-session.js';

const exitedCleanly = (s: string) => /KVX-EXIT=0/.test(s) && s.includes('BEFORE-KVX') && !s.includes('contoso-prod');

test('Esc then q in one chunk (as tmux delivers them) quits kvx', { skip }, async () => {
  const t = await startTmux('escq');
  runKvx(t, '--demo');
  try {
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'secrets list');
    // ESC and q as one write: Ink reports meta+q.
    t.keys('-H', '1b', '71');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit', 10_000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.close();
  }
});

test('q while the managed-identity sign-in hangs: kvx exits within 1 s and the terminal is restored', { skip }, async () => {
  const emulator = await startEmulator({ vaults: ['hung-signin'], tlsCacheDir: TEST_TLS_CACHE });
  // An identity endpoint that takes the request and never answers.
  const asked: Socket[] = [];
  const hung = createServer((socket) => {
    socket.once('data', () => asked.push(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const port = (hung.address() as { port: number }).port;
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-ca-'));
  const ca = path.join(dir, 'ca.pem');
  writeFileSync(ca, emulator.caPem);
  const t = await startTmux('hung');
  runKvx(t, `--ca-file ${ca} ${emulator.vaults[0].url}`, [`IDENTITY_ENDPOINT=http://127.0.0.1:${port}/msi/token`, 'IDENTITY_HEADER=h']);
  try {
    const screen = await t.waitForScreen((s) => /signing in with managed identity… \d+ s/.test(s), 'signing in');
    assert.ok(!screen.includes('loading secrets'), screen);
    while (asked.length === 0) await new Promise((r) => setTimeout(r, 20));
    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit', 1000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.close();
    for (const s of asked) s.destroy();
    hung.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('q with a delete-and-purge running asks first, naming what stays undone; q again quits', { skip }, async () => {
  const t = await startTmux('quitop');
  runKvx(t, '--demo');
  try {
    await t.waitForScreen((s) => /› acr-pull-token/.test(s), 'secrets list');
    t.keys('d');
    await t.waitForScreen((s) => s.includes('Delete secret acr-pull-token?'), 'delete dialog');
    t.keys('p');
    await t.waitForScreen((s) => s.includes('Type the name'), 'purge confirmation');
    t.type('acr-pull-token');
    t.keys('Enter');
    await t.waitForScreen((s) => !s.includes('Type the name'), 'dialog closed');
    t.keys('q');
    const asked = await t.waitForScreen((s) => s.includes('Quit with 1 operation still running?'), 'quit prompt');
    assert.match(asked, /secret acr-pull-token stays soft-deleted; it will not be/);
    assert.ok(!/KVX-EXIT/.test(asked));
    t.keys('q');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit', 10_000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.close();
  }
});
