// Asks before a change: y or Enter goes ahead, n or Esc does not. Text from the vault is escaped.
import { Box, Text, useInput } from 'ink';
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
  useInput(
    (input, key) => {
      if (input === 'y' || input === 'Y' || key.return) onAnswer(true);
      else if (input === 'n' || input === 'N' || key.escape) onAnswer(false);
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
