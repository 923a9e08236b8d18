// Which answer a key gives in a dialog, by the user's keymap: dialog.yes / dialog.no /
// dialog.purge / dialog.wait. A letter also answers in the other case ("Y" as "y"), and
// Ctrl-C always means no (a second one quits: app.tsx).
import type { Key } from 'ink';
import type { Binding, CommandId } from './keymap.js';
import { keyName } from './keymap.js';

const ANSWERS = ['dialog.yes', 'dialog.no', 'dialog.purge', 'dialog.wait'] as const satisfies readonly CommandId[];
export type DialogAnswer = (typeof ANSWERS)[number];

export function dialogAnswer(keymap: readonly Binding[], input: string, key: Partial<Key>): DialogAnswer | undefined {
  const name = keyName(input, key);
  if (name === 'ctrl+c') return 'dialog.no';
  const names = /^[a-z]$/i.test(name) ? [name, name.toLowerCase(), name.toUpperCase()] : [name];
  for (const n of names) {
    const found = ANSWERS.find((answer) => keymap.some((b) => b.command === answer && b.keys.includes(n)));
    if (found) return found;
  }
  return undefined;
}
