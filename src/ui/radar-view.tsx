// `:expiring [DAYS]` — what has expired or expires within DAYS across every open vault, soonest
// first, with the certificates' issuer and whether they renew by themselves.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { RadarRow } from '../store/expiry-radar.js';
import { dueText, renewalText, stateText } from '../store/expiry-radar.js';
import { escapeControl } from '../text/escape-control.js';
import type { ScanProgress } from './cross-vault-rows.js';
import { progressText, windowAround } from './cross-vault-rows.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { PaneFrame } from './pane-frame.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

const SINGULAR = { keys: 'key', secrets: 'secret', certificates: 'cert' } as const;

interface Props {
  days: number;
  rows: readonly RadarRow[];
  progress: ScanProgress;
  /** With old versions: how many items' versions have been listed. */
  versions?: { done: number; total: number };
  cursor: number;
  width: number;
  height: number;
  theme: Theme;
}

function pad(text: string, n: number): string {
  const chars = [...text];
  return chars.length > n ? `${chars.slice(0, Math.max(0, n - 1)).join('')}…` : text.padEnd(n);
}

/** One radar row as fixed columns that fit `width`: due, kind, vault, name, date, then renewal and state. */
export function radarLine(row: RadarRow, width: number): string {
  const rest = [renewalText(row), stateText(row)].filter(Boolean).join(' · ');
  // Renewal and state get a column only where there is room for it.
  const restWidth = width >= 100 ? 28 : width >= 80 ? 16 : 0;
  const fixed = 17 + 7 + 10 + 2 + (restWidth ? restWidth + 2 : 0);
  const free = Math.max(12, width - fixed);
  const vaultWidth = Math.max(6, Math.min(20, Math.floor(free * 0.35)));
  const nameWidth = Math.max(6, free - vaultWidth - 1);
  const date = row.expiresOn.toISOString().slice(0, 10);
  return (
    `${pad(dueText(row), 16)} ${pad(SINGULAR[row.kind], 6)} ${pad(escapeControl(row.vaultName), vaultWidth)} ${pad(escapeControl(row.name), nameWidth)} ${date}` +
    (restWidth ? `  ${pad(escapeControl(rest), restWidth)}` : '')
  ).trimEnd();
}

function RadarPaneImpl({ days, rows, progress, versions, cursor, width, height, theme }: Props) {
  const keymap = useKeymap();
  const inner = Math.max(1, height - 4);
  const { start, end } = windowAround(rows.length, cursor, inner);
  const done = progress.searched >= progress.total && progress.throttled === 0 && (!versions || versions.done >= versions.total);
  const expired = rows.filter((r) => r.expired).length;
  return (
    <PaneFrame focused width={width} height={height} theme={theme}>
      <Text bold color={color(theme.accent)} wrap="truncate-end">
        Expiring within {days} days · {expired} expired, {rows.length - expired} expiring · {progressText(progress, 'read')}
        {versions ? ` · versions of ${versions.done} of ${versions.total} items` : ''}
        {done ? '' : ' …'}
      </Text>
      <Text color={color(theme.muted)} wrap="truncate-end">
        soonest first · {keyFor(keymap, 'open')} opens · {keyFor(keymap, 'copy')} copies as Markdown · :export FILE.csv|.md · {keyFor(keymap, 'refresh')} reloads · {keyFor(keymap, 'back')} back
      </Text>
      {rows.length === 0 ? (
        <Text color={color(theme.muted)}>{done ? `nothing expires within ${days} days in the open vaults` : 'reading the vaults…'}</Text>
      ) : (
        rows.slice(start, end).map((row, i) => {
          const index = start + i;
          const isSelected = index === cursor;
          const tone = row.expired ? theme.error : row.daysLeft <= 7 ? theme.warning : theme.text;
          return (
            <Box key={`${row.id}@${row.version ?? ''}`}>
              <Text
                wrap="truncate-end"
                inverse={isSelected && !theme.colors}
                backgroundColor={isSelected ? color(theme.selectionBg) : undefined}
                color={color(isSelected ? theme.selectionFg : !row.enabled || !row.current ? theme.muted : tone)}
              >
                {isSelected ? '›' : row.expired ? '!' : ' '}
                {radarLine(row, width - 5)}
              </Text>
            </Box>
          );
        })
      )}
    </PaneFrame>
  );
}

export const RadarPane = memo(RadarPaneImpl);
