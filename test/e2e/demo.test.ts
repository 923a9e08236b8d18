// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false so Ink is
// interactive). Moves to a secret, filters, opens its details, reveals its value and quits,
// and checks the terminal shows what it showed before (the alternate screen was left).
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

test('kvx --demo at 80x24 in tmux: find a secret, filter, open, reveal, quit and restore the terminal', { skip: !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false }, async () => {
  const socket = `kvx-e2e-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${home}`, 'NO_COLOR='];
  try {
    tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', 'sh');
    tmux(socket, 'send-keys', '-t', 'kvx', `cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('BEFORE-KVX'), 'shell prompt');
    tmux(socket, 'send-keys', '-t', 'kvx', `env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js --demo; echo KVX-EXIT=$?`, 'Enter');
    const first = await waitForScreen(socket, (s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'secrets list');
    assert.ok(!first.includes('BEFORE-KVX'), 'kvx draws on the alternate screen');
    for (const line of first.split('\n')) assert.ok([...line].length <= 80);

    tmux(socket, 'send-keys', '-t', 'kvx', 'j', 'j');
    await waitForScreen(socket, (s) => /› admin-portal-client-secret/.test(s), 'cursor moved');
    tmux(socket, 'send-keys', '-t', 'kvx', '/');
    tmux(socket, 'send-keys', '-t', 'kvx', '-l', 'dbpass');
    const filtered = await waitForScreen(socket, (s) => s.includes('/dbpass') && /\d+ of \d+/.test(s), 'filter');
    assert.ok(!filtered.includes('acr-pull-token'));
    assert.match(filtered, /› \S*db-password/, 'a db-password secret is selected');
    tmux(socket, 'send-keys', '-t', 'kvx', 'Enter');
    await waitForScreen(socket, (s) => !s.includes('/dbpass▏'), 'filter accepted');
    tmux(socket, 'send-keys', '-t', 'kvx', 'Enter');
    await waitForScreen(socket, (s) => /secrets ▸ \S*db-password/.test(s) && s.includes('v reveals') && s.includes('Versions ('), 'details');
    tmux(socket, 'send-keys', '-t', 'kvx', 'v');
    await waitForScreen(socket, (s) => s.includes('hidden again in'), 'revealed value');
    tmux(socket, 'send-keys', '-t', 'kvx', 'q');
    const after = await waitForScreen(socket, (s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
    assert.ok(after.includes('BEFORE-KVX'), 'the previous screen is back');
    assert.ok(!after.includes('contoso-prod'), 'nothing of kvx is left on the screen');
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(home, { recursive: true, force: true });
  }
});
