import { Box, Text } from 'ink';
import type { Binding, Context } from './keymap.js';
import { displayKey } from './keymap.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

/** Commands worth a hint first; others follow in keymap order. Moves are assumed known. */
const PRIORITY = ['error.show', 'reveal', 'open', 'filter', 'back', 'pane.next', 'commandLine', 'deleted.toggle', 'sort', 'refresh'];

const SHORT: Record<string, string> = { 'pane.next': 'pane', 'pane.prev': 'pane', 'error.show': 'error' };

/** Key hints for the active contexts, most useful first, cut to what fits in `width`. */
export function keyHints(
  keymap: readonly Binding[],
  active: readonly Context[],
  width: number,
  readOnly: boolean,
): string {
  const applies = (b: Binding) => b.contexts.some((c) => c === 'global' || active.includes(c));
  const usable = keymap.filter((b) => applies(b) && !(readOnly && b.mutating) && b.keys.length > 0);
  const rank = (b: Binding) => {
    const i = PRIORITY.indexOf(b.command);
    if (i !== -1) return i;
    if (b.section === 'Move' || b.section === 'Panes') return 200;
    return 100;
  };
  const tailCommands = ['help', 'quit'];
  const candidates = usable.filter((b) => !tailCommands.includes(b.command)).sort((a, b) => rank(a) - rank(b));
  const tail = usable.filter((b) => tailCommands.includes(b.command));
  const fmt = (b: Binding) => `${displayKey(b.keys[0])} ${SHORT[b.command] ?? b.description.split(/[ (]/)[0]}`;
  const tailText = tail.map(fmt).join('  ');
  const parts: string[] = [];
  let used = tailText.length;
  for (const b of candidates) {
    const piece = fmt(b);
    if (used + piece.length + 2 > width - 1) continue;
    parts.push(piece);
    used += piece.length + 2;
  }
  return [...parts, tailText].filter(Boolean).join('  ');
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
