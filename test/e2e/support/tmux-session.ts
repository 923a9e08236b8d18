// A tmux session on its own socket running the built kvx (CI=false so Ink is interactive), for
// end-to-end tests that need a real terminal: keys, screen captures, the pane's processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(path.join(root, 'dist', 'cli.js'));

/** For `test(…, { skip })`: why an e2e test cannot run here, or false. */
export const e2eSkip: string | false = !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false;

export interface TmuxSession {
  socket: string;
  /** A private dir for the run (XDG_CONFIG_HOME); removed by close(). */
  home: string;
  keys(...keys: string[]): void;
  /** Types text literally. */
  type(text: string): void;
  screen(): string;
  waitForScreen(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** The pid of the pane's shell. */
  panePid(): number;
  close(): void;
}

export async function startTmux(name: string, width = 80, height = 24): Promise<TmuxSession> {
  const socket = `kvx-${name}-${process.pid}`;
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-e2e-'));
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const session: TmuxSession = {
    socket,
    home,
    keys: (...keys) => void tmux('send-keys', '-t', 'kvx', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'kvx', '-l', text),
    screen: () => tmux('capture-pane', '-p', '-t', 'kvx'),
    async waitForScreen(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < deadline) {
        screen = session.screen();
        if (predicate(screen)) return screen;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${what}: not on screen within ${timeoutMs} ms; screen:\n${screen}`);
    },
    panePid: () => Number(tmux('display-message', '-p', '-t', 'kvx', '#{pane_pid}').trim()),
    close() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      rmSync(home, { recursive: true, force: true });
    },
  };
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', String(width), '-y', String(height), 'sh');
  session.keys(`cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
  await session.waitForScreen((s) => s.includes('BEFORE-KVX'), 'shell prompt');
  return session;
}

/** The shell line that runs the built kvx with `args` and prints its exit status. */
export function kvxCommand(session: TmuxSession, args: string, extraEnv: string[] = []): string {
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${session.home}`, 'NO_COLOR=', ...extraEnv];
  return `env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js ${args}; echo KVX-EXIT=$?`;
}
