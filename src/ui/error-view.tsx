// The error view: one error, whole, over the panes (`!`, or Enter on a failed operation).
// j/k and PgUp/PgDn scroll when it is longer than the screen; Esc, Enter or q closes it. Those
// are the user's back/open/quit and move keys; the hint names them from the keymap.
import { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ClassifiedError } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { errorViewLines } from './error-view-lines.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { useKeyInput } from './use-key-input.js';
import { isKeyOf, keyName, keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

interface Props {
  /** What failed: "certificates of contoso-prod", "delete secret db-password". */
  title: string;
  error: ClassifiedError;
  width: number;
  height: number;
  theme: Theme;
  onClose(): void;
}

export function ErrorView({ title, error, width, height, theme, onClose }: Props) {
  const inner = Math.max(10, width - 4);
  const lines = errorViewLines(error, inner);
  const rows = Math.max(1, height - 4);
  const [offset, setOffset] = useState(0);
  const offsetRef = useRef(0);
  const closed = useRef(false);
  const keymap = useKeymap();
  const maxOffset = Math.max(0, lines.length - rows);
  const scroll = (delta: number) => {
    offsetRef.current = Math.min(maxOffset, Math.max(0, offsetRef.current + delta));
    setOffset(offsetRef.current);
  };
  useKeyInput((input, key) => {
    if (closed.current) return;
    const name = keyName(input, key);
    const is = (command: Parameters<typeof isKeyOf>[1]) => isKeyOf(keymap, command, name);
    if (is('back') || is('open') || is('quit') || is('error.show')) {
      closed.current = true;
      onClose();
    } else if (is('move.down')) scroll(1);
    else if (is('move.up')) scroll(-1);
    else if (is('move.pageDown') || input === ' ') scroll(rows);
    else if (is('move.pageUp')) scroll(-rows);
  });
  const tone = (t: string | undefined) =>
    t === 'heading' ? color(theme.accent) : t === 'error' ? color(theme.error) : t === 'warning' ? color(theme.warning) : t === 'muted' ? color(theme.muted) : undefined;
  const shown = lines.slice(offset, offset + rows);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.error)} width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold wrap="truncate-end">
        Error · {escapeControl(title)}
        <Text color={color(theme.muted)}>{lines.length > rows ? `  ${offset + 1}–${Math.min(lines.length, offset + rows)} of ${lines.length}` : ''}</Text>
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {shown.map((l, i) => (
          <Text key={offset + i} wrap="truncate-end" bold={l.tone === 'heading'} color={tone(l.tone)}>
            {l.text === '' ? ' ' : l.text}
          </Text>
        ))}
      </Box>
      <Text color={color(theme.muted)} wrap="truncate-end">
        {keyFor(keymap, 'back')} closes{lines.length > rows ? `  ${keyFor(keymap, 'move.down')}/${keyFor(keymap, 'move.up')} scroll` : ''}
      </Text>
    </Box>
  );
}
