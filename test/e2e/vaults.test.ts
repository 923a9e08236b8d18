// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false, its own
// tmux socket) finds its vaults through the emulator's ARM; then creates a vault from the
// vaults pane, opens it, adds a secret, deletes the vault and purges it, each step live in
// the operations panel; every screen fits the terminal.
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
const VAULT = 'e2e-made-vault';

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

async function waitForScreen(socket: string, predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux(socket, 'capture-pane', '-p', '-t', 'kvx');
    if (predicate(screen)) {
      for (const line of screen.split('\n')) assert.ok([...line].length <= 80, `line wider than 80: ${line}`);
      return screen;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not on screen within ${timeoutMs} ms; screen:\n${screen}`);
}

test('kvx --demo at 80x24 in tmux: create a vault, open it, add a secret, delete the vault and purge it', { skip: !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false }, async () => {
  const socket = `kvx-e2e-vaults-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${home}`, 'NO_COLOR='];
  const keys = (...k: string[]) => tmux(socket, 'send-keys', '-t', 'kvx', ...k);
  try {
    tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', 'sh');
    keys(`cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('BEFORE-KVX'), 'shell prompt');
    keys(`env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js --demo; echo KVX-EXIT=$?`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'demo vaults found through ARM');

    // The vaults pane takes the screen at 80 columns: the demo's vaults with ARM's facts.
    keys('1');
    await waitForScreen(socket, (s) => s.includes('3 vaults in 1 subscription') && s.includes('contoso-payments') && s.includes('purge-pro'), 'vaults pane');
    keys('n');
    await waitForScreen(socket, (s) => s.includes('New vault'), 'create form');
    keys('-l', VAULT);
    await waitForScreen(socket, (s) => s.includes(`✓ ${VAULT} is available`), 'name checked as typed');
    keys('Enter');
    await waitForScreen(socket, (s) => new RegExp(`create vault ${VAULT} +(RegisteringDns|InProgress)`).test(s) && !s.includes('New vault'), 'provisioning');
    await waitForScreen(socket, (s) => new RegExp(`✓ create vault ${VAULT} +Succeeded`).test(s), 'created');

    // Open it (the new vault is listed first) and add a secret.
    keys('g');
    await waitForScreen(socket, (s) => s.includes(`›${VAULT}`), 'new vault selected');
    keys('Enter');
    await waitForScreen(socket, (s) => s.includes(`${VAULT} ▸ secrets`) && s.includes('no secrets in this vault'), 'new vault open');
    keys('n');
    await waitForScreen(socket, (s) => s.includes('New secret'), 'secret form');
    keys('-l', 'hello');
    keys('Tab');
    keys('-l', 'world');
    keys('Enter');
    await waitForScreen(socket, (s) => s.includes(`✓ create secret ${VAULT}/hello`), 'secret created');
    await waitForScreen(socket, (s) => s.includes('› hello') || s.includes('  hello'), 'secret listed');

    // Delete the vault, then purge it from the deleted-vaults view (type its name).
    keys('1');
    await waitForScreen(socket, (s) => s.includes(`›${VAULT}`), 'vaults pane again');
    keys('d');
    await waitForScreen(socket, (s) => s.includes(`Delete vault ${VAULT}?`), 'delete dialog');
    keys('y');
    await waitForScreen(socket, (s) => new RegExp(`✓ delete vault ${VAULT} +deleted`).test(s), 'deleted');
    keys('D');
    await waitForScreen(socket, (s) => s.includes('1 Deleted vaults') && s.includes(`›${VAULT}`), 'deleted vaults view');
    keys('P');
    await waitForScreen(socket, (s) => s.includes(`purge vault ${VAULT}`) && s.includes('cannot be undone'), 'purge asks for the name');
    keys('-l', VAULT);
    keys('Enter');
    await waitForScreen(socket, (s) => new RegExp(`purge vault ${VAULT} +(purging|InProgress)`).test(s), 'purge running');
    await waitForScreen(socket, (s) => new RegExp(`✓ purge vault ${VAULT} +purged`).test(s), 'purged', 40_000);

    keys('q');
    const after = await waitForScreen(socket, (s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(home, { recursive: true, force: true });
  }
});
