import { useInput, usePaste } from 'ink';
import type { Key } from 'ink';
import { PLAIN, splitKeys } from './split-keys.js';

/**
 * Ink's useInput for every surface that reads keys (the app's router, dialogs, forms): a chunk
 * holding several keys ("name\r", "a\tb") reaches `handler` one key at a time, in order, in
 * the same tick — so a handler that reads its own state between keys must read it from a ref.
 * Text pasted with bracketed paste arrives as one plain-text input and never as keys: a pasted
 * newline does not press Enter.
 */
export function useKeyInput(handler: (input: string, key: Key) => void, options: { isActive?: boolean } = {}): void {
  const isActive = options.isActive ?? true;
  useInput(
    (input, key) => {
      for (const press of splitKeys(input, key)) handler(press.input, press.key);
    },
    { isActive },
  );
  usePaste((text) => handler(text, PLAIN), { isActive });
}
