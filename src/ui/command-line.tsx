import { Box, Text } from 'ink';
import { COMMANDS, completions } from './commands.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { escapeControl } from '../text/escape-control.js';

/** The `:` line in place of the status line: what is typed and the commands it could complete to. */
export function CommandLine({ text, vaultNames, width, theme }: { text: string; vaultNames: readonly string[]; width: number; theme: Theme }) {
  const options = text === '' ? COMMANDS.map((c) => c.name + (c.args ? ` ${c.args}` : '')) : completions(text, vaultNames);
  return (
    <Box height={1} width={width}>
      <Box flexShrink={0}>
        <Text color={color(theme.accent)}>
          {':'}
          {escapeControl(text)}
          {'▏'}
        </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} marginLeft={2} overflow="hidden">
        <Text color={color(theme.muted)} wrap="truncate-end">
          {options.length ? `${options.join('  ')}  (Tab completes)` : ''}
        </Text>
      </Box>
    </Box>
  );
}
