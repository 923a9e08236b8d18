// Asks before a delete: dialog.yes (y, Enter) deletes (recoverable while the vault keeps
// deleted items), dialog.purge (p) chooses "delete and purge" (which then wants the name
// typed), dialog.no (n, Esc) or Ctrl-C gives up. Keys and hints come from the user's keymap.
import { useRef } from 'react';
import { Box, Text } from 'ink';
import { useKeyInput } from './use-key-input.js';
import { dialogAnswer } from './dialog-keys.js';
import { keysFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { escapeControl } from '../text/escape-control.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

interface Props {
  /** e.g. "secret db-password". */
  what: string;
  /** e.g. "recoverable for 90 days (u in the deleted view)". */
  recovery: string;
  width: number;
  theme: Theme;
  onAnswer(answer: 'delete' | 'deleteAndPurge' | 'no'): void;
}

export function DeleteDialog({ what, recovery, width, theme, onAnswer }: Props) {
  // Answered once: the rest of a chunk ("yy") does not answer again.
  const answered = useRef(false);
  const answer = (choice: 'delete' | 'deleteAndPurge' | 'no') => {
    answered.current = true;
    onAnswer(choice);
  };
  const keymap = useKeymap();
  useKeyInput((input, key) => {
    if (answered.current) return;
    const said = dialogAnswer(keymap, input, key);
    if (said === 'dialog.yes') answer('delete');
    else if (said === 'dialog.purge') answer('deleteAndPurge');
    else if (said === 'dialog.no') answer('no');
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.warning)} width={width} paddingX={1}>
      <Text bold color={color(theme.warning)} wrap="truncate">
        Delete {escapeControl(what)}?
      </Text>
      <Text wrap="wrap">{escapeControl(recovery)}</Text>
      <Text color={color(theme.muted)} wrap="wrap">
        {keysFor(keymap, 'dialog.yes')} delete  {keysFor(keymap, 'dialog.purge')} delete and purge (asks for the name)  {keysFor(keymap, 'dialog.no')} keep it
      </Text>
    </Box>
  );
}
