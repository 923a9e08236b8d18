// The operations panel: one line per operation, newest last — spinner (or final mark), kind,
// vault/item, the state in the service's words, elapsed time and what the last poll answered;
// a failure shows its classified message. `o` focuses it; the selected line is highlighted.
import { Box, Text } from 'ink';
import type { Operation } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { withAdvice } from './advice.js';
import type { Binding } from './keymap.js';
import { defaultKeymap, keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const KIND: Record<Operation['kind'], string> = {
  create: 'create',
  delete: 'delete',
  recover: 'recover',
  purge: 'purge',
  deleteAndPurge: 'delete+purge',
  import: 'import',
  rotate: 'rotate',
  update: 'update',
};

const SINGULAR = { keys: 'key', secrets: 'secret', certificates: 'cert', vaults: 'vault' } as const;

/** What the operation acts on: `vault/item` for items, the vault's name for a vault. */
const SUBJECT: Record<Operation['collection'], (op: Operation) => string> = {
  keys: (op) => `${op.vault}/${op.target}`,
  secrets: (op) => `${op.vault}/${op.target}`,
  certificates: (op) => `${op.vault}/${op.target}`,
  vaults: (op) => op.target,
};

/** After a purge the service can keep the name a little while: re-creating it at once gets 409. */
export const PURGED_NOTE = '(the name may stay reserved for a short while)';

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function mark(op: Operation, now: number): { text: string; tone: keyof Pick<Theme, 'accent' | 'success' | 'error' | 'warning' | 'muted'> } {
  switch (op.state) {
    case 'running':
      return { text: SPINNER[Math.floor(now / 100) % SPINNER.length], tone: 'accent' };
    case 'succeeded':
      return { text: '✓', tone: 'success' };
    case 'failed':
      return { text: '✗', tone: 'error' };
    case 'cancelled':
      return { text: '⊘', tone: 'warning' };
    case 'unconfirmed':
      return { text: '?', tone: 'warning' };
    default:
      return { text: '…', tone: 'muted' };
  }
}

/** One operation as a line of text (without the mark), for the panel and for tests. */
export function operationLine(op: Operation, now: number, keymap: readonly Binding[] = defaultKeymap): string {
  const end = op.state === 'running' ? now : op.updatedAt;
  const state =
    op.state === 'failed'
      ? `failed: ${op.error ? withAdvice(op.error, keymap) : op.detail}`
      : op.state === 'abandoned'
        ? `abandoned (was ${op.detail})`
        : op.state === 'unconfirmed'
          ? `${op.detail} — ${keyFor(keymap, 'refresh')} re-checks`
          : op.detail;
  const poll = op.lastPoll && op.state === 'running' ? `  · ${op.lastPoll}` : '';
  return escapeControl(`${KIND[op.kind]} ${SINGULAR[op.collection]} ${SUBJECT[op.collection](op)}  ${state}  ${elapsed(end - op.startedAt)}${poll}`);
}

interface Props {
  operations: readonly Operation[];
  selected: number;
  focused: boolean;
  width: number;
  /** Rows including the border. */
  height: number;
  now: number;
  readOnly?: boolean;
  theme: Theme;
}

export function OperationsPanel({ operations, selected, focused, width, height, now, theme }: Props) {
  const inner = Math.max(1, height - 3);
  const start = Math.max(0, Math.min(selected - inner + 1, operations.length - inner));
  const visible = operations.slice(Math.max(0, start), Math.max(0, start) + inner);
  const running = operations.filter((o) => o.state === 'running').length;
  const keymap = useKeymap();
  const hint = focused
    ? `  ${keyFor(keymap, 'operations.cancel')} cancel/abandon  ${keyFor(keymap, 'operations.clear')} clear finished  ${keyFor(keymap, 'copy')} copy az command  ${keyFor(keymap, 'back')} back`
    : `  ${keyFor(keymap, 'operations.focus')} focus`;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(focused ? theme.focusBorder : theme.border)} width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold color={color(focused ? theme.accent : theme.text)} wrap="truncate">
        {focused ? '▸ ' : '  '}Operations ({running} running){hint}
      </Text>
      {visible.length === 0 ? (
        <Text color={color(theme.muted)}>none yet</Text>
      ) : (
        visible.map((op, i) => {
          const index = Math.max(0, start) + i;
          const m = mark(op, now);
          const isSelected = focused && index === selected;
          return (
            <Box key={op.id} width={width - 4}>
              <Text color={color(theme[m.tone])}>{m.text} </Text>
              <Text
                wrap="truncate-end"
                inverse={isSelected && !theme.colors}
                backgroundColor={isSelected ? color(theme.selectionBg) : undefined}
                color={color(isSelected ? theme.selectionFg : op.state === 'failed' ? theme.error : theme.text)}
              >
                {operationLine(op, now, keymap)}
              </Text>
            </Box>
          );
        })
      )}
    </Box>
  );
}
