import type { Dispatch, RefObject } from 'react';
import { useLayoutEffect } from 'react';
import type { Key } from 'ink';
import type { Binding, CommandId, Context } from './keymap.js';
import { isKeyOf, keyName, resolveCommand } from './keymap.js';
import type { NavAction, NavState } from './navigation.js';
import { complete } from './commands.js';

/** Where the app's single input hook forwards keys; the explorer installs its handler here. */
export type InputSink = RefObject<((input: string, key: Key) => void) | undefined>;

interface Options {
  sink: InputSink;
  keymap: readonly Binding[];
  /** Contexts whose bindings apply in a given state. */
  activeFor(nav: NavState): readonly Context[];
  /** The latest navigation state (ahead of the render while a burst of keys is handled). */
  navRef: RefObject<NavState>;
  dispatch: Dispatch<NavAction>;
  vaultNames: readonly string[];
  /** A keymap command in the normal mode (moves, panes, open, reveal, refresh…). */
  onCommand(command: CommandId): void;
  /** A key with no command here (it may have one elsewhere: say why it does not apply). */
  onUnbound?(name: string): void;
  /** The `:` line was entered. */
  onCommandLine(line: string): void;
  /** Enter on the filter; true when it was taken (e.g. an exact name looked up directly). */
  onFilterEnter?(text: string): boolean;
  onQuit(): void;
  /** True while a dialog owns the keys (it has its own input hook); the list then gets none, Ctrl-C included. */
  blocked?(): boolean;
}

// eslint-disable-next-line no-control-regex -- typed text must not carry control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function printable(input: string, key: { ctrl?: boolean; meta?: boolean }): string {
  if (key.ctrl || key.meta) return '';
  return input.replace(CONTROL, '');
}

/**
 * Routes keys by mode: the help overlay, the `:` line and the `/` filter take text (sent and
 * cancelled with the keymap's input.* keys); otherwise keys go through the keymap. Ctrl-C always quits.
 */
export function useExplorerInput({ sink, keymap, activeFor, navRef, dispatch, vaultNames, onCommand, onUnbound, onCommandLine, onFilterEnter, onQuit, blocked }: Options): void {
  const handler = (input: string, key: Key): void => {
    const name = keyName(input, key);
    const nav = navRef.current;
    // A dialog or form takes Ctrl-C itself (it closes); two in a row quit (app.tsx).
    if (blocked?.()) return;
    if (name === 'ctrl+c') return onQuit();
    if (nav.message) dispatch({ type: 'message' });
    if (nav.help.open) {
      const binding = resolveCommand(keymap, name, []);
      if (binding?.command === 'help' || binding?.command === 'back') dispatch({ type: 'help', open: false });
      else if (binding?.command === 'quit') onQuit();
      else if (['right', 'l', 'pagedown'].includes(name)) dispatch({ type: 'helpScroll', delta: 1 });
      else if (['left', 'h', 'pageup'].includes(name)) dispatch({ type: 'helpScroll', delta: -1 });
      return;
    }
    if (nav.command !== undefined) {
      const text = nav.command;
      if (isKeyOf(keymap, 'input.send', name)) {
        dispatch({ type: 'commandClose' });
        onCommandLine(text);
      } else if (isKeyOf(keymap, 'input.cancel', name)) dispatch({ type: 'commandClose' });
      else if (name === 'tab') dispatch({ type: 'commandText', text: complete(text, vaultNames) });
      else if (name === 'backspace' || name === 'delete') {
        if (text === '') dispatch({ type: 'commandClose' });
        else dispatch({ type: 'commandText', text: text.slice(0, -1) });
      } else {
        const typed = printable(input, key);
        if (typed) dispatch({ type: 'commandText', text: text + typed });
      }
      return;
    }
    if (nav.filterEditing) {
      const text = nav.filter;
      if (isKeyOf(keymap, 'input.send', name)) {
        if (!onFilterEnter?.(text)) dispatch({ type: 'filterAccept' });
      }
      else if (isKeyOf(keymap, 'input.cancel', name)) dispatch({ type: 'back' });
      else if (name === 'backspace' || name === 'delete') dispatch({ type: 'filterText', text: text.slice(0, -1) });
      else if (['up', 'down', 'pageup', 'pagedown'].includes(name)) {
        const binding = resolveCommand(keymap, name, ['list', 'items']);
        if (binding) onCommand(binding.command);
      } else {
        const typed = printable(input, key);
        if (typed) dispatch({ type: 'filterText', text: text + typed });
      }
      return;
    }
    const binding = resolveCommand(keymap, name, activeFor(nav));
    if (binding) onCommand(binding.command);
    else onUnbound?.(name);
  };
  // A layout effect runs in the commit itself, so keys that arrive right after the first frame
  // already reach the explorer (useInput's own subscription waits for passive effects).
  useLayoutEffect(() => {
    sink.current = handler;
  });
  useLayoutEffect(
    () => () => {
      sink.current = undefined;
    },
    [sink],
  );
}
