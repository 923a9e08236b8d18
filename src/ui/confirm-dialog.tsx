// Asks before a change: dialog.yes (y, Enter) goes ahead, dialog.no (n, Esc) or Ctrl-C does
// not; keys and hints come from the user's keymap. Text from the vault is escaped.
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
  title: string;
  lines: readonly string[];
  width: number;
  theme: Theme;
  onAnswer(yes: boolean): void;
  /** Off while another part of the screen owns the keys. */
  active?: boolean;
}

export function ConfirmDialog({ title, lines, width, theme, onAnswer, active = true }: Props) {
  // Answered once: the rest of a chunk ("yy") does not answer again.
  const answered = useRef(false);
  const answer = (yes: boolean) => {
    answered.current = true;
    onAnswer(yes);
  };
  const keymap = useKeymap();
  useKeyInput(
    (input, key) => {
      if (answered.current) return;
      const said = dialogAnswer(keymap, input, key);
      if (said === 'dialog.yes') answer(true);
      else if (said === 'dialog.no') answer(false);
    },
    { isActive: active },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.warning)} width={width} paddingX={1}>
      <Text bold color={color(theme.warning)} wrap="truncate">
        {escapeControl(title)}
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="wrap">
          {escapeControl(l)}
        </Text>
      ))}
      <Text color={color(theme.muted)}>
        {keysFor(keymap, 'dialog.yes')} yes  {keysFor(keymap, 'dialog.no')} no
      </Text>
    </Box>
  );
}
