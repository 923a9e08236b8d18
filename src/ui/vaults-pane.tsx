import { memo } from 'react';
import { Box, Text } from 'ink';
import type { CollectionState, VaultState } from '../store/types.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { PaneFrame } from './pane-frame.js';
import { escapeControl } from '../text/escape-control.js';

export interface VaultRow {
  /** What identifies the row (names can repeat: `prod` in two clouds). */
  url: string;
  name: string;
  local: boolean;
  /** Any collection of the vault failed to load. */
  failed: boolean;
  loading: boolean;
}

function states(v: VaultState): CollectionState[] {
  return [...Object.values(v.collections), ...Object.values(v.deleted)];
}

export function vaultRows(vaults: readonly VaultState[]): VaultRow[] {
  return vaults.map((v) => ({
    url: v.url,
    name: escapeControl(v.name),
    local: v.local,
    failed: states(v).some((c) => c.status === 'error'),
    loading: states(v).some((c) => c.status === 'loading' || c.status === 'partial'),
  }));
}

interface Props {
  vaults: readonly VaultRow[];
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
}

/** The open vaults as a column; the current one marked, failures flagged. */
export const VaultsPane = memo(function VaultsPane({ vaults, selected, focused, width, height, theme }: Props) {
  const rows = Math.max(1, height - 3);
  const start = Math.max(0, Math.min(selected - rows + 1, vaults.length - rows));
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <Text bold color={color(focused ? theme.accent : theme.text)} wrap="truncate-end">
        1 Vaults
      </Text>
      {vaults.length === 0 ? (
        <Text color={color(theme.muted)} wrap="truncate-end">
          none open (:vault NAME)
        </Text>
      ) : null}
      {vaults.slice(Math.max(0, start), Math.max(0, start) + rows).map((v, i) => {
        const index = Math.max(0, start) + i;
        const current = index === selected;
        return (
          <Box key={v.url} height={1} backgroundColor={current && focused && theme.colors ? theme.selectionBg : undefined}>
            <Text color={color(theme.accent)}>{current ? '›' : ' '}</Text>
            <Text wrap="truncate-end" bold={current} inverse={current && focused && !theme.colors} color={color(v.failed ? theme.error : current ? theme.text : theme.muted)}>
              {v.name}
              {v.loading ? '…' : ''}
              {v.failed ? ' !' : ''}
            </Text>
          </Box>
        );
      })}
    </PaneFrame>
  );
});

/** Narrow terminals: the vaults as one line of tabs above the list. */
export const VaultStrip = memo(function VaultStrip({ vaults, selected, focused, width, theme }: Omit<Props, 'height'>) {
  return (
    <Box height={1} width={width} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold color={color(focused ? theme.accent : theme.muted)}>
          {' 1 Vaults: '}
        </Text>
        {vaults.map((v, i) => (
          <Text key={v.url}>
            {i > 0 ? '  ' : ''}
            <Text
              bold={i === selected}
              underline={i === selected && focused}
              inverse={i === selected && focused}
              color={color(v.failed ? theme.error : i === selected ? theme.accent : theme.muted)}
            >
              {v.name}
              {v.failed ? ' !' : ''}
            </Text>
          </Text>
        ))}
        {vaults.length === 0 ? <Text color={color(theme.muted)}>none open (:vault NAME)</Text> : null}
      </Text>
    </Box>
  );
});
