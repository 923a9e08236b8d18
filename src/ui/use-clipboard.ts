import { useCallback, useEffect, useRef } from 'react';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { useStdout } from 'ink';
import { clearClipboard, copyText } from './clipboard.js';

export interface ClipboardOptions {
  env?: NodeJS.ProcessEnv;
  /** Off in tests so they never touch this machine's clipboard. */
  useLocal?: boolean;
  /** When kvx offers to clear what it copied (default 30 s). */
  offerClearAfterMs?: number;
}

export interface Clipboard {
  /** Copies `text`; the status line names `what` ("the value of secret db-password"), never the text. */
  copy(text: string, what: string): Promise<void>;
  clear(): Promise<void>;
}

type Say = (text: string, tone: 'info' | 'warning' | 'error') => void;

/**
 * Copy through OSC 52 on Ink's stdout (and the local clipboard tool when there is one). After
 * `offerClearAfterMs` the status line offers to clear it; nothing blocks meanwhile.
 */
export function useClipboard(say: Say, options: ClipboardOptions = {}): Clipboard {
  const { stdout } = useStdout();
  const clearKey = keyFor(useKeymap(), 'clipboard.clear');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { env = process.env, useLocal, offerClearAfterMs = 30_000 } = options;
  const deps = useCallback(() => ({ env, useLocal, writeTerminal: (data: string) => void stdout.write(data) }), [env, useLocal, stdout]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = useCallback(
    async (text: string, what: string) => {
      const result = await copyText(text, deps());
      const via = result.local ? `terminal clipboard and ${result.local}` : 'terminal clipboard (OSC 52)';
      say(`copied ${what} to the ${via} · ${clearKey} clears it`, 'info');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => say(`the clipboard still holds ${what} — press ${clearKey} to clear it`, 'warning'), offerClearAfterMs);
      timer.current.unref?.();
    },
    [deps, say, offerClearAfterMs, clearKey],
  );

  const clear = useCallback(async () => {
    clearTimeout(timer.current);
    await clearClipboard(deps());
    say('clipboard cleared', 'info');
  }, [deps, say]);

  return { copy, clear };
}
