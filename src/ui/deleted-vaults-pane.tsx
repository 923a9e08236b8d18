// The deleted-vaults view of the vaults pane (D): each soft-deleted vault with where it was,
// when it was deleted and when the service purges it; u recovers, P purges (type the name).
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { DeletedVaultsState } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { PaneFrame } from './pane-frame.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

interface Props {
  deleted: DeletedVaultsState;
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
}

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : '?');

export const DeletedVaultsPane = memo(function DeletedVaultsPane({ deleted, selected, focused, width, height, theme }: Props) {
  const rows = Math.max(1, height - 4);
  const start = Math.max(0, Math.min(selected - rows + 1, deleted.items.length - rows));
  const status =
    deleted.status === 'loading' || deleted.status === 'partial'
      ? 'listing deleted vaults…'
      : deleted.status === 'error'
        ? `cannot list deleted vaults: ${escapeControl(deleted.error?.message ?? 'refused')}`
        : deleted.items.length === 0
          ? 'no deleted vaults'
          : `${deleted.items.length} deleted · u recover  P purge  D back`;
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <Text bold color={color(focused ? theme.accent : theme.text)} wrap="truncate-end">
        1 Deleted vaults
      </Text>
      <Text color={color(deleted.status === 'error' ? theme.error : theme.muted)} wrap="truncate-end">
        {status}
      </Text>
      {deleted.items.slice(start, start + rows).map((v, i) => {
        const index = start + i;
        const current = index === selected;
        const facts = `${escapeControl(v.resourceGroup)} · ${escapeControl(v.location)} · deleted ${day(v.deletedOn)} · purged ${day(v.scheduledPurgeDate)}${v.purgeProtection ? ' · purge-protected' : ''}`;
        return (
          <Box key={`${v.subscriptionId}/${v.name}`} height={1} backgroundColor={current && focused && theme.colors ? theme.selectionBg : undefined}>
            <Box flexShrink={0}>
              <Text color={color(theme.accent)}>{current ? '›' : ' '}</Text>
            </Box>
            <Text wrap="truncate-end" bold={current} inverse={current && focused && !theme.colors} color={color(current ? theme.text : theme.muted)}>
              {escapeControl(v.name)}
              {width >= 60 ? `  ${facts}` : ''}
            </Text>
          </Box>
        );
      })}
    </PaneFrame>
  );
});
