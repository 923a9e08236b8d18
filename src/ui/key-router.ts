// The app's one path for keys. Why: all keys of an input chunk are handled before React renders
// again, so when one key opens a dialog ("d" of "dy" over a laggy SSH link) the dialog is not
// mounted and has no handler for the keys after it. The router holds those keys and replays
// them, in order, once the dialog's handler is in place — the same for every dialog and form.
import { createContext } from 'react';
import type { Key } from 'ink';
import type { KeyPress } from './split-keys.js';

export type KeyHandler = (input: string, key: Key) => void;

export interface KeyRouter {
  /** A dialog or form starts reading keys (in a layout effect); returns its removal. */
  add(handler: KeyHandler): () => void;
  /** One key (or one bracketed paste) from Ink. */
  dispatch(input: string, key: Key): void;
  /** A key opened a dialog: hold the keys after it until `release`. */
  hold(): void;
  /** The dialog is mounted: replay the held keys in order; one of them may hold again. */
  release(): void;
}

/** Surfaces registered with the router; without one, useKeyInput reads Ink itself. */
export const KeyRouting = createContext<KeyRouter | undefined>(undefined);

/**
 * Every key goes to `base` (the explorer, which ignores keys while a dialog is open except
 * Ctrl-C) and then to the newest registered surface.
 */
export function createKeyRouter(base: KeyHandler): KeyRouter {
  const surfaces: KeyHandler[] = [];
  const held: KeyPress[] = [];
  let holding = false;
  const deliver = (input: string, key: Key) => {
    base(input, key);
    surfaces.at(-1)?.(input, key);
  };
  return {
    add(handler) {
      surfaces.push(handler);
      return () => {
        const at = surfaces.lastIndexOf(handler);
        if (at >= 0) surfaces.splice(at, 1);
      };
    },
    dispatch(input, key) {
      if (holding) held.push({ input, key });
      else deliver(input, key);
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      while (!holding && held.length > 0) {
        const press = held.shift() as KeyPress;
        deliver(press.input, press.key);
      }
    },
  };
}
