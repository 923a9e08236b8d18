// A tmux session on its own socket (no config file, so tmux's defaults such as the 500 ms
// escape-time hold) for end-to-end tests that need a real terminal: keys, screen captures, the
// pane's processes. Every test that drives kvx in tmux starts it here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(path.join(root, 'dist', 'kvx.cjs'));

/** For `test(…, { skip })`: why an e2e test of the built kvx cannot run here, or false. */
export const e2eSkip: string | false = !hasTmux ? 'tmux is not installed' : !built ? 'dist/ is missing: run npm run build' : false;

export interface TmuxOptions {
  /** The pane's size; 80x24 unless given (the terminal of an SSH session during an incident). */
  width?: number;
  height?: number;
  /**
   * A shell line to run as the pane's own command (then KVX-EXIT=<status> is printed and the
   * pane kept open) instead of an interactive `sh` in the project root showing BEFORE-KVX.
   */
  command?: string;
  /** Every screen waitForScreen returns is asserted to fit the pane's width. */
  assertFits?: boolean;
}

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

/** Asserts no line of `screen` is wider than `width` columns. */
export function assertFits(screen: string, width = 80): void {
  for (const line of screen.split('\n')) assert.ok([...line].length <= width, `line wider than ${width}: ${line}`);
}

export async function startTmux(name: string, options: TmuxOptions = {}): Promise<TmuxSession> {
  const { width = 80, height = 24, command } = options;
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
        if (predicate(screen)) {
          if (options.assertFits) assertFits(screen, width);
          return screen;
        }
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
  const shell = command === undefined ? 'sh' : `${command}; echo KVX-EXIT=$?; exec sleep 600`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', String(width), '-y', String(height), shell);
  if (command !== undefined) return session;
  session.keys(`cd ${JSON.stringify(root)} && clear && echo BEFORE-KVX`, 'Enter');
  await session.waitForScreen((s) => s.includes('BEFORE-KVX'), 'shell prompt');
  return session;
}

/** The shell line that runs the built kvx (CI=false so Ink is interactive) with `args` and prints its exit status. */
function kvxCommand(session: TmuxSession, args: string, extraEnv: string[] = []): string {
  const env = ['CI=false', 'TERM=xterm-256color', `XDG_CACHE_HOME=${path.join(root, '.kvx-test', 'cache')}`, `XDG_CONFIG_HOME=${session.home}`, 'NO_COLOR=', ...extraEnv];
  return `env ${env.join(' ')} ${JSON.stringify(process.execPath)} bin/kvx.js ${args}; echo KVX-EXIT=$?`;
}

/** Runs the built kvx with `args` (and `extraEnv`) at the session's shell prompt. */
export function runKvx(session: TmuxSession, args: string, extraEnv: string[] = []): void {
  session.keys(kvxCommand(session, args, extraEnv), 'Enter');
}

/** Quotes one word for `sh`. */
export const shq = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
