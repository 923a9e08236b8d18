import { useContext, useLayoutEffect, useRef } from 'react';
import { useInput, usePaste } from 'ink';
import type { Key } from 'ink';
import { KeyRouting } from './key-router.js';
import type { KeyPress } from './split-keys.js';
import { PLAIN, splitKeys } from './split-keys.js';

/**
 * Ink's useInput for every surface that reads keys (the app's router, dialogs, forms): a chunk
 * holding several keys ("name\r", "a\tb") reaches `handler` one key at a time, in order, in
 * the same tick — so a handler that reads its own state between keys must read it from a ref.
 * Text pasted with bracketed paste arrives as one plain-text input and never as keys: a pasted
 * newline does not press Enter.
 *
 * Under the app's key router (key-router.ts) the handler registers there instead, in a layout
 * effect, so keys held while the surface was being mounted reach it as soon as it is.
 */
export function useKeyInput(
  handler: (input: string, key: Key) => void,
  options: { isActive?: boolean; isBoundMeta?: (press: KeyPress) => boolean } = {},
): void {
  const isActive = options.isActive ?? true;
  const router = useContext(KeyRouting);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!router || !isActive) return;
    return router.add((input, key) => latest.current(input, key));
  }, [router, isActive]);
  useInput(
    (input, key) => {
      for (const press of splitKeys(input, key, options.isBoundMeta)) handler(press.input, press.key);
    },
    { isActive: isActive && !router },
  );
  usePaste((text) => handler(text, PLAIN), { isActive: isActive && !router });
}
