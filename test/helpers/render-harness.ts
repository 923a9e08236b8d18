// A small harness around Ink's own render with fake streams: settable columns and rows,
// resize, typed keys, and waiting for a condition instead of sleeping. Ink runs in
// interactive mode here even under CI=true (DESIGN.md §6), and in debug mode so every
// render is written whole and the last write is the current frame.
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render } from 'ink';

// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Key names as the keymap spells them → the bytes a terminal sends. */
const KEY_BYTES: Record<string, string> = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  return: '\r',
  escape: '\u001b',
  tab: '\t',
  'shift+tab': '\u001b[Z',
  backspace: '\u007f',
  delete: '\u001b[3~',
  'ctrl+c': '\u0003',
  space: ' ',
};

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns: number;
  rows: number;
  frames: string[] = [];
  /** Everything written, frames or not (OSC 52 sequences print nothing but are written). */
  writes: string[] = [];
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (chunk: string, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    this.writes.push(chunk);
    // Cursor and mode toggles are not frames.
    if (stripAnsi(chunk).trim() !== '' || this.frames.length === 0) this.frames.push(chunk);
    this.emit('frame');
    // Ink waits for write callbacks before it reports the app as exited.
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  write(data: string): void {
    this.queue.push(data);
    this.emit('readable');
    this.emit('data', data);
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface Harness {
  /** The current frame without colours. */
  lastFrame(): string;
  /** The current frame as written, with ANSI colours. */
  lastFrameRaw(): string;
  frames: string[];
  /** Everything written to the terminal so far, including sequences that draw nothing. */
  output(): string;
  /** Presses keys one after another: "j", "down", "shift+tab", "ctrl+c", or literal text. */
  press(...keys: string[]): Promise<void>;
  /** Types text character by character. */
  type(text: string): Promise<void>;
  /** Writes `bytes` in one chunk, as tmux send-keys, a paste or fast typing over SSH deliver them. */
  pressChunk(bytes: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves with the frame once `predicate` holds; fails with the last frame after `timeoutMs` (at least WAIT_FLOOR_MS). */
  waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  waitUntilExit(): Promise<unknown>;
  unmount(): void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A wait's timeout only catches hangs: on a loaded two-core CI machine what takes 100 ms idle
 * can take seconds, so no wait gives up sooner than this, whatever the test asked for (no test
 * relies on a wait running out).
 */
export const WAIT_FLOOR_MS = 30_000;

export function renderTui(node: ReactElement, size: { columns?: number; rows?: number } = {}): Harness {
  const stdout = new FakeStdout(size.columns ?? 100, size.rows ?? 30);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(100, 30);
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    interactive: true,
    // As in the CLI: Ctrl-C reaches the app, which decides (app.tsx).
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrameRaw = () => stdout.frames.at(-1) ?? '';
  const lastFrame = () => stripAnsi(lastFrameRaw());
  return {
    lastFrame,
    lastFrameRaw,
    frames: stdout.frames,
    output: () => stdout.writes.join(''),
    async press(...keys) {
      for (const k of keys) {
        stdin.write(KEY_BYTES[k] ?? k);
        await tick();
      }
    },
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await tick();
      }
    },
    async pressChunk(bytes) {
      stdin.write(bytes);
      await tick();
    },
    async resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await tick();
    },
    waitFor(predicate, asked = 5000) {
      const timeoutMs = Math.max(asked, WAIT_FLOOR_MS);
      return new Promise((resolve, reject) => {
        const check = () => {
          const frame = lastFrame();
          if (predicate(frame)) {
            cleanup();
            resolve(frame);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`condition not met within ${timeoutMs} ms; last frame:\n${lastFrame()}`));
        }, timeoutMs);
        const poll = setInterval(check, 10);
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(poll);
          stdout.off('frame', check);
        };
        stdout.on('frame', check);
        check();
      });
    },
    waitUntilExit: () => instance.waitUntilExit(),
    unmount: () => instance.unmount(),
  };
}
