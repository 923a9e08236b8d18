// Runs a shell command line in a detached tmux at 80x24 (a real pseudo-terminal) for the
// shipping smokes: waits for what a screen should show, sends keys, and cleans up its server.
import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface TmuxSession {
  waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): void;
  close(): void;
}

/** Starts `commandLine` under `sh`, then prints KVX-EXIT=<status> and keeps the pane open. */
export function startInTmux(name: string, commandLine: string): TmuxSession {
  const socket = `kvx-ship-${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'kvx', '-x', '80', '-y', '24', `${commandLine}; echo KVX-EXIT=$?; exec sleep 600`);
  return {
    async waitFor(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < deadline) {
        screen = tmux('capture-pane', '-p', '-t', 'kvx');
        if (predicate(screen)) return screen;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${what}: not on screen within ${timeoutMs} ms; screen:\n${screen}`);
    },
    keys(...keys) {
      tmux('send-keys', '-t', 'kvx', ...keys);
    },
    close() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}

/** Quotes one word for `sh`. */
export const shq = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
