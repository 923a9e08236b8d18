// Asks before a delete: y or Enter deletes (recoverable while the vault keeps deleted items),
// p chooses "delete and purge" (which then wants the name typed), n or Esc gives up.
import { useRef } from 'react';
import { Box, Text } from 'ink';
import { useKeyInput } from './use-key-input.js';
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
  useKeyInput((input, key) => {
    if (answered.current) return;
    if (input === 'y' || input === 'Y' || key.return) answer('delete');
    else if (input === 'p') answer('deleteAndPurge');
    else if (input === 'n' || input === 'N' || key.escape) answer('no');
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.warning)} width={width} paddingX={1}>
      <Text bold color={color(theme.warning)} wrap="truncate">
        Delete {escapeControl(what)}?
      </Text>
      <Text wrap="wrap">{escapeControl(recovery)}</Text>
      <Text color={color(theme.muted)} wrap="wrap">
        y/Enter delete  p delete and purge (asks for the name)  n/Esc keep it
      </Text>
    </Box>
  );
}
