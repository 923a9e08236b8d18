import { Box, Text } from 'ink';
import type { Binding, Context } from './keymap.js';
import { displayKey } from './keymap.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

/** Key hints for the active contexts, most specific first, cut to what fits in `width`. */
export function keyHints(
  keymap: readonly Binding[],
  active: readonly Context[],
  width: number,
  readOnly: boolean,
): string {
  const specific = keymap.filter((b) => b.contexts.some((c) => c !== 'global' && active.includes(c)));
  const global = keymap.filter((b) => b.contexts.includes('global'));
  const wanted = ['help', 'quit'];
  const candidates = [...specific, ...global.filter((b) => !wanted.includes(b.command) && b.section !== 'Panes')];
  const tail = global.filter((b) => wanted.includes(b.command));
  const parts: string[] = [];
  const fmt = (b: Binding) => `${displayKey(b.keys[0])} ${b.description.split(/[ (]/)[0]}`;
  const tailText = tail.map(fmt).join('  ');
  let used = tailText.length;
  for (const b of candidates) {
    if (readOnly && b.mutating) continue;
    const piece = fmt(b);
    if (used + piece.length + 2 > width - 1) break;
    parts.push(piece);
    used += piece.length + 2;
  }
  return [...parts, tailText].join('  ');
}

interface Props {
  width: number;
  keymap: readonly Binding[];
  active: readonly Context[];
  readOnly: boolean;
  /** A transient message (what was copied, an error) shown instead of the hints. */
  message?: { text: string; tone: 'info' | 'error' | 'warning' };
  theme: Theme;
}

export function StatusLine({ width, keymap, active, readOnly, message, theme }: Props) {
  if (message) {
    const tone = message.tone === 'error' ? theme.error : message.tone === 'warning' ? theme.warning : theme.accent;
    return (
      <Box width={width} height={1}>
        <Text color={color(tone)} wrap="truncate">
          {' '}
          {message.text}
        </Text>
      </Box>
    );
  }
  return (
    <Box width={width} height={1}>
      <Text color={color(theme.muted)} wrap="truncate">
        {' '}
        {keyHints(keymap, active, width - 1, readOnly)}
      </Text>
    </Box>
  );
}
