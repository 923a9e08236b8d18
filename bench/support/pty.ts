// A program in a real pseudo-terminal (util-linux `script`, 80×24), for benchmarks that
// measure what a user feels: bytes on the terminal after a key, the process's RSS and CPU.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Pty {
  /** Everything the program wrote so far (escape sequences included). */
  output(): string;
  /** Milliseconds since spawn when the output first contained `marker`. */
  waitFor(marker: string | ((output: string) => boolean), timeoutMs?: number): Promise<number>;
  /**
   * Writes `keys` and resolves with the milliseconds until the frame they caused was written:
   * the end of the last frame of the burst that follows (a burst ends after `quietMs`
   * without output).
   * Rejects when nothing arrives within `timeoutMs`.
   */
  press(keys: string, quietMs?: number, timeoutMs?: number): Promise<number>;
  /**
   * Writes `keys` and resolves with the milliseconds until the end of the first frame that
   * shows `marker` (written after the keys): for a screen that also changes by itself, such as
   * a search in progress, where the next frame need not be the one the key caused.
   */
  pressUntil(keys: string, marker: string | RegExp, timeoutMs?: number): Promise<number>;
  /** Waits until no output arrived for `quietMs`. */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  /** The program's pid (the process `script` runs; the command should `exec` it). */
  pid(): number;
  startedAt: number;
  close(): Promise<void>;
}

const FRAME_END = '\x1b[?2026l';

export function startPty(command: string, options: { cwd: string; env?: NodeJS.ProcessEnv; columns?: number; rows?: number }): Pty {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const startedAt = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; ${command}`, '/dev/null'], {
    cwd: options.cwd,
    env: { ...process.env, CI: 'false', TERM: 'xterm-256color', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let lastChunkAt = performance.now();
  const waiters = new Set<() => void>();
  let synchronized = false;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    synchronized ||= out.includes(FRAME_END);
    lastChunkAt = performance.now();
    for (const w of [...waiters]) w();
  });
  child.stderr.resume();
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));

  const pty: Pty = {
    startedAt,
    output: () => out,
    waitFor(marker, timeoutMs = 120_000) {
      const test = typeof marker === 'string' ? (s: string) => s.includes(marker) : marker;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!test(out)) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(performance.now() - startedAt);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${String(marker)} within ${timeoutMs} ms; last output: ${JSON.stringify(out.slice(-300))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    press(keys, quietMs = 60, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const sentAt = performance.now();
        const from = out.length;
        let last = -1;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const onChunk = () => {
          // A frame is complete at the end of its synchronized update (Ink wraps each frame
          // in ESC[?2026h … ESC[?2026l), or at any chunk from a program that does not.
          if (synchronized && !out.includes(FRAME_END, from)) return;
          last = lastChunkAt;
          clearTimeout(quiet);
          quiet = setTimeout(done, quietMs);
        };
        const done = () => {
          waiters.delete(onChunk);
          clearTimeout(giveUp);
          resolve(last - sentAt);
        };
        const giveUp = setTimeout(() => {
          waiters.delete(onChunk);
          clearTimeout(quiet);
          reject(new Error(`no frame within ${timeoutMs} ms after ${JSON.stringify(keys)}`));
        }, timeoutMs);
        waiters.add(onChunk);
        child.stdin.write(keys);
      });
    },
    pressUntil(keys, marker, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const sentAt = performance.now();
        const from = out.length;
        const onChunk = () => {
          const after = out.slice(from);
          const at = typeof marker === 'string' ? after.indexOf(marker) : after.search(marker);
          if (at < 0 || (synchronized && !after.includes(FRAME_END, at))) return;
          waiters.delete(onChunk);
          clearTimeout(giveUp);
          resolve(lastChunkAt - sentAt);
        };
        const giveUp = setTimeout(() => {
          waiters.delete(onChunk);
          reject(new Error(`no ${String(marker)} within ${timeoutMs} ms after ${JSON.stringify(keys)}`));
        }, timeoutMs);
        waiters.add(onChunk);
        child.stdin.write(keys);
      });
    },
    settle(quietMs = 300, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        const tick = () => {
          const now = performance.now();
          if (now - lastChunkAt >= quietMs) return resolve();
          if (now > deadline) return reject(new Error(`output did not settle within ${timeoutMs} ms`));
          setTimeout(tick, Math.max(10, quietMs - (now - lastChunkAt)));
        };
        tick();
      });
    },
    pid() {
      const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
      const pid = Number(children[0]);
      if (!pid) throw new Error('the program in the pty is not running');
      return pid;
    },
    async close() {
      if (exited) return;
      try {
        process.kill(pty.pid(), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    },
  };
  return pty;
}

/** Resident set size of a process in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) / 1024;
}

/** CPU time (user + system) a process used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
