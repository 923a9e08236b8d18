import { Box, Text } from 'ink';
import type { ClassifiedError } from '../store/types.js';
import { describeError } from './describe-error.js';
import { useKeymap } from './keymap-context.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

/** A classified error shown in place, inside the pane it belongs to: up to three lines. */
export function ErrorBanner({ error, width, theme, maxLines = 3 }: { error: ClassifiedError; width: number; theme: Theme; maxLines?: number }) {
  const text = describeError(error, useKeymap());
  const lines = [text.title, text.detail, text.hint].filter((l): l is string => Boolean(l)).slice(0, Math.max(1, maxLines));
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0} color={color(i === 0 ? (text.tone === 'error' ? theme.error : theme.warning) : theme.muted)}>
          {i === 0 ? (text.tone === 'error' ? '✗ ' : '⚠ ') : '  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
