// Asks before a change: y or Enter goes ahead, n or Esc does not. Text from the vault is escaped.
import { useRef } from 'react';
import { Box, Text } from 'ink';
import { useKeyInput } from './use-key-input.js';
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
  useKeyInput(
    (input, key) => {
      if (answered.current) return;
      if (input === 'y' || input === 'Y' || key.return) answer(true);
      else if (input === 'n' || input === 'N' || key.escape) answer(false);
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
      <Text color={color(theme.muted)}>y/Enter yes  n/Esc no</Text>
    </Box>
  );
}
