// End to end in a real terminal: the built `kvx --demo` in tmux at 80x24 (CI=false, its own
// tmux socket). Deletes a secret and watches the operation complete, recovers it, then deletes
// and purges it; every screen fits the terminal.
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
const NAME = 'acr-pull-token';

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

test('kvx --demo at 80x24 in tmux: delete a secret, watch it finish, recover it, then delete and purge it', { skip: !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false }, async () => {
  const socket = `kvx-e2e-changes-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${home}`, 'NO_COLOR='];
  const keys = (...k: string[]) => tmux(socket, 'send-keys', '-t', 'kvx', ...k);
  const select = async (deleted: boolean) => {
    keys(':');
    keys('-l', `filter ${NAME}`);
    keys('Enter');
    await waitForScreen(socket, (s) => s.includes(`› ${NAME}`) && s.includes(`/${NAME}`) && s.includes(deleted ? '(deleted)' : 'secrets'), `${NAME} selected`);
  };
  try {
    tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', 'sh');
    keys(`cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('BEFORE-KVX'), 'shell prompt');
    keys(`env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js --demo; echo KVX-EXIT=$?`, 'Enter');
    await waitForScreen(socket, (s) => s.includes('contoso-prod ▸ secrets') && s.includes(NAME), 'secrets list');

    await select(false);
    keys('d');
    await waitForScreen(socket, (s) => s.includes(`Delete secret ${NAME}?`), 'delete dialog');
    keys('y');
    await waitForScreen(socket, (s) => s.includes(`delete secret contoso-prod/${NAME}`), 'delete running');
    await waitForScreen(socket, (s) => s.includes(`✓ delete secret contoso-prod/${NAME}  deleted`), 'delete finished');

    keys('D');
    await waitForScreen(socket, (s) => s.includes('secrets (deleted)'), 'deleted view');
    await select(true);
    keys('u');
    await waitForScreen(socket, (s) => s.includes(`✓ recover secret contoso-prod/${NAME}  recovered`), 'recovered');

    keys('D');
    await waitForScreen(socket, (s) => !s.includes('(deleted)'), 'live view');
    await select(false);
    keys('d');
    await waitForScreen(socket, (s) => s.includes(`Delete secret ${NAME}?`), 'delete dialog again');
    keys('p');
    await waitForScreen(socket, (s) => s.includes('this cannot be undone'), 'type the name');
    keys('-l', NAME);
    keys('Enter');
    await waitForScreen(socket, (s) => s.includes(`✓ delete+purge secret contoso-prod/${NAME}  purged`), 'purged', 60_000);

    keys('q');
    const after = await waitForScreen(socket, (s) => /KVX-EXIT=\d/.test(s), 'exit');
    assert.match(after, /KVX-EXIT=0/);
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(home, { recursive: true, force: true });
  }
});
