import { useCallback, useEffect, useRef } from 'react';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { useStdout } from 'ink';
import { clearClipboard, copyText, describeCopy } from './clipboard.js';

export interface ClipboardOptions {
  env?: NodeJS.ProcessEnv;
  /** Off in tests so they never touch this machine's clipboard. */
  useLocal?: boolean;
  /** How long after copying a secret value kvx clears the clipboard (default 30 s; 0: never). */
  clearAfterMs?: number;
}

export interface Clipboard {
  /**
   * Copies `text`; the status line names `what` ("the value of secret db-password"), never the
   * text, and says what really happened. A `secret` copy is cleared again after a while.
   */
  copy(text: string, what: string, options?: { secret?: boolean }): Promise<void>;
  clear(): Promise<void>;
}

type Say = (text: string, tone: 'info' | 'warning' | 'error') => void;

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/**
 * Copy through tmux's buffer or OSC 52 on Ink's stdout (and the local clipboard tool when there
 * is one). A copied secret value is cleared `clearAfterMs` later, unless something else was
 * copied since; nothing blocks meanwhile.
 */
export function useClipboard(say: Say, options: ClipboardOptions = {}): Clipboard {
  const { stdout } = useStdout();
  const clearKey = keyFor(useKeymap(), 'clipboard.clear');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { env = process.env, useLocal, clearAfterMs = 30_000 } = options;
  const deps = useCallback(() => ({ env, useLocal, writeTerminal: (data: string) => void stdout.write(data) }), [env, useLocal, stdout]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = useCallback(
    async (text: string, what: string, copyOptions: { secret?: boolean } = {}) => {
      clearTimeout(timer.current);
      const result = await copyText(text, deps());
      const autoClear = copyOptions.secret === true && clearAfterMs > 0;
      say(describeCopy(what, result, autoClear ? ` (cleared in ${seconds(clearAfterMs)})` : copyOptions.secret ? ` (${clearKey} clears it)` : ''), 'info');
      if (!autoClear) return;
      timer.current = setTimeout(() => {
        clearClipboard(deps()).then(
          () => say(`cleared the clipboard (${what} was copied ${seconds(clearAfterMs)} ago)`, 'info'),
          () => say(`could not clear the clipboard: ${what} may still be on it — ${clearKey} tries again`, 'warning'),
        );
      }, clearAfterMs);
      timer.current.unref?.();
    },
    [deps, say, clearAfterMs, clearKey],
  );

  const clear = useCallback(async () => {
    clearTimeout(timer.current);
    await clearClipboard(deps());
    say('clipboard cleared', 'info');
  }, [deps, say]);

  return { copy, clear };
}
