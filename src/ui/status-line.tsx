import { Box, Text } from 'ink';
import type { Binding, Context } from './keymap.js';
import { displayKey } from './keymap.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

/** Commands worth a hint first; others follow in keymap order. Moves are assumed known. */
const PRIORITY = ['error.show', 'item.recover', 'item.purge', 'reveal', 'open', 'filter', 'back', 'pane.next', 'commandLine', 'deleted.toggle', 'sort', 'refresh'];

/**
 * Hint words; pairs that would read the same say what differs (`n new  N new version`,
 * `d delete  D deleted view`, `x clear done  X clear clipboard`).
 */
const SHORT: Record<string, string> = {
  'pane.next': 'pane',
  'pane.prev': 'pane',
  'error.show': 'error',
  'item.newVersion': 'new version',
  'deleted.toggle': 'deleted view',
  'operations.clear': 'clear done',
  'clipboard.clear': 'clear clipboard',
  'sort.reverse': 'reverse',
};

/** Keys bound in a pane but working only in one view of it: hinted only there (the key still explains itself elsewhere). */
const ONLY_IN: Record<string, Context> = {
  'item.recover': 'deleted',
  'item.purge': 'deleted',
  'item.new': 'live',
  'item.newVersion': 'live',
  'item.edit': 'live',
  'item.delete': 'live',
  'key.rotate': 'live',
  copy: 'live',
};

/** Key hints for the active contexts, most useful first, cut to what fits in `width`. */
export function keyHints(
  keymap: readonly Binding[],
  active: readonly Context[],
  width: number,
  readOnly: boolean,
): string {
  const applies = (b: Binding) => b.contexts.some((c) => c === 'global' || active.includes(c)) && (!ONLY_IN[b.command] || active.includes(ONLY_IN[b.command]));
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
