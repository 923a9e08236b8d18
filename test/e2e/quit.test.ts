// End to end in a real terminal (tmux with its default escape-time of 500 ms, 80x24, CI=false):
// Esc then q in one chunk quits; q while the managed-identity sign-in hangs ends the process
// within a second, terminal restored; quitting with a delete-and-purge running asks first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(path.join(root, 'dist', 'cli.js'));
const skip = !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false;

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

async function waitForScreen(socket: string, predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux(socket, 'capture-pane', '-p', '-t', 'kvx');
    if (predicate(screen)) return screen;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: not on screen within ${timeoutMs} ms; screen:\n${screen}`);
}

/** A tmux session at 80x24 showing BEFORE-KVX, then `kvx ARGS` with `env`; its exit status is printed. */
async function session(name: string, env: string[], args: string): Promise<{ socket: string; keys: (...k: string[]) => void; stop(): void }> {
  const socket = `kvx-e2e-${name}-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const base = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${home}`, 'NO_COLOR='];
  tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', 'sh');
  const keys = (...k: string[]) => void tmux(socket, 'send-keys', '-t', 'kvx', ...k);
  keys(`cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
  await waitForScreen(socket, (s) => s.includes('BEFORE-KVX'), 'shell prompt');
  keys(`env ${[...base, ...env].join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js ${args}; echo KVX-EXIT=$?`, 'Enter');
  return {
    socket,
    keys,
    stop() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const exitedCleanly = (s: string) => /KVX-EXIT=0/.test(s) && s.includes('BEFORE-KVX') && !s.includes('contoso-prod');

test('Esc then q in one chunk (as tmux delivers them) quits kvx', { skip }, async () => {
  const t = await session('escq', [], '--demo');
  try {
    await waitForScreen(t.socket, (s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'secrets list');
    // ESC and q as one write: Ink reports meta+q.
    t.keys('-H', '1b', '71');
    const after = await waitForScreen(t.socket, (s) => /KVX-EXIT=\d/.test(s), 'exit', 10_000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.stop();
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
  const t = await session('hung', [`IDENTITY_ENDPOINT=http://127.0.0.1:${port}/msi/token`, 'IDENTITY_HEADER=h'], `--ca-file ${ca} ${emulator.vaults[0].url}`);
  try {
    const screen = await waitForScreen(t.socket, (s) => /signing in with managed identity… \d+ s/.test(s), 'signing in');
    assert.ok(!screen.includes('loading secrets'), screen);
    while (asked.length === 0) await new Promise((r) => setTimeout(r, 20));
    t.keys('q');
    const after = await waitForScreen(t.socket, (s) => /KVX-EXIT=\d/.test(s), 'exit', 1000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.stop();
    for (const s of asked) s.destroy();
    hung.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('q with a delete-and-purge running asks first, naming what stays undone; q again quits', { skip }, async () => {
  const t = await session('quitop', [], '--demo');
  try {
    await waitForScreen(t.socket, (s) => /› acr-pull-token/.test(s), 'secrets list');
    t.keys('d');
    await waitForScreen(t.socket, (s) => s.includes('Delete secret acr-pull-token?'), 'delete dialog');
    t.keys('p');
    await waitForScreen(t.socket, (s) => s.includes('Type the name'), 'purge confirmation');
    t.keys('-l', 'acr-pull-token');
    t.keys('Enter');
    await waitForScreen(t.socket, (s) => !s.includes('Type the name'), 'dialog closed');
    t.keys('q');
    const asked = await waitForScreen(t.socket, (s) => s.includes('Quit with 1 operation still running?'), 'quit prompt');
    assert.match(asked, /secret acr-pull-token stays soft-deleted; it will not be/);
    assert.ok(!/KVX-EXIT/.test(asked));
    t.keys('q');
    const after = await waitForScreen(t.socket, (s) => /KVX-EXIT=\d/.test(s), 'exit', 10_000);
    assert.ok(exitedCleanly(after), after);
  } finally {
    t.stop();
  }
});
