// End to end in a real terminal: the built `kvx --demo --demo-identity kvx-reader` in tmux at
// 80x24. kvx-reader may get certificates but not list them: the list says 403, and
// `:cert NAME` still opens one with a direct GET.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(path.join(root, 'dist', 'cli.js'));

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

async function waitForScreen(socket: string, predicate: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux(socket, 'capture-pane', '-p', '-t', 'kvx');
    if (predicate(screen)) return screen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not on screen within ${timeoutMs} ms; screen:\n${screen}`);
}

test(':cert NAME opens a certificate as kvx-reader, which may get certificates but not list them', { skip: !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false }, async () => {
  const socket = `kvx-e2e-cert-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${home}`, 'NO_COLOR='];
  try {
    tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', 'sh');
    tmux(socket, 'send-keys', '-t', 'kvx', `cd ${JSON.stringify(root)} && clear`, 'Enter');
    tmux(socket, 'send-keys', '-t', 'kvx', `env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js --demo --demo-identity kvx-reader; echo KVX-EXIT=$?`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('acr-pull-token') && s.includes('kvx-reader'), 'secrets list as kvx-reader');
    tmux(socket, 'send-keys', '-t', 'kvx', '4');
    await waitForScreen(socket, (s) => s.includes("missing 'list' permission on certificates"), 'the 403 on listing certificates');
    tmux(socket, 'send-keys', '-t', 'kvx', ':');
    tmux(socket, 'send-keys', '-t', 'kvx', '-l', 'cert api-gateway-tls');
    tmux(socket, 'send-keys', '-t', 'kvx', 'Enter');
    const opened = await waitForScreen(socket, (s) => s.includes('certificates ▸ api-gateway-tls') && /subject\s+.*CN=api\.contoso\.com/.test(s), 'the certificate opened by name');
    for (const line of opened.split('\n')) assert.ok([...line].length <= 80);
    assert.match(opened, /SHA-1\s+[0-9A-F]{40}/);
    tmux(socket, 'send-keys', '-t', 'kvx', 'q');
    const after = await waitForScreen(socket, (s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(home, { recursive: true, force: true });
  }
});
