// The --log file: lines appended as they happen, created private to the user (0600). It holds
// request lines and the SDK's own log lines, never bodies, tokens or secret values. Writing
// never throws into the app: a full disk costs log lines, not the session.
import { createWriteStream } from 'node:fs';
import { escapeControl } from '../text/escape-control.js';

export interface LogFile {
  /** Appends one line (control characters escaped, so a line stays one line). */
  write(line: string): void;
  close(): Promise<void>;
}

export function openLogFile(path: string, now: () => number = Date.now): LogFile {
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let broken = false;
  stream.on('error', () => {
    broken = true;
  });
  return {
    write(line) {
      if (broken) return;
      stream.write(`${new Date(now()).toISOString()} ${escapeControl(line.replace(/\r?\n$/, ''))}\n`);
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}
