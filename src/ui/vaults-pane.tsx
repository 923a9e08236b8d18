import { memo } from 'react';
import { Box, Text } from 'ink';
import type { CollectionState, DiscoveryState, VaultState } from '../store/types.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { PaneFrame } from './pane-frame.js';
import { escapeControl } from '../text/escape-control.js';
import { subscriptionLabel } from './view-model.js';

export interface VaultRow {
  /** What identifies the row (names can repeat: `prod` in two clouds). */
  url: string;
  name: string;
  local: boolean;
  /** Any collection of the vault failed to load. */
  failed: boolean;
  loading: boolean;
  /** The subscription header this row sits under (discovered vaults), escaped. */
  group?: string;
  /** ARM's facts in one line: group · location · SKU · retention · purge protection · permission model · network. */
  facts?: string;
  /** ARM's provisioning state when it is not Succeeded (a vault being created). */
  provisioning?: string;
  pinned?: boolean;
}

function states(v: VaultState): CollectionState[] {
  return [...Object.values(v.collections), ...Object.values(v.deleted)];
}

/** ARM's facts about a vault, for the pane (escaped: they come from the service). */
export function vaultFacts(v: Pick<VaultState, 'arm'>): string | undefined {
  const a = v.arm;
  if (!a) return undefined;
  const parts = [
    a.resourceGroup,
    a.location,
    a.sku,
    a.softDeleteRetentionInDays !== undefined ? `${a.softDeleteRetentionInDays}d` : undefined,
    a.purgeProtection ? 'purge-protected' : 'purgeable',
    a.permissionModel === 'rbac' ? 'RBAC' : 'policies',
    a.publicNetworkAccess === 'Disabled' ? 'private' : a.publicNetworkAccess ? 'public' : undefined,
  ];
  return escapeControl(parts.filter(Boolean).join(' · '));
}

export function vaultRows(vaults: readonly VaultState[]): VaultRow[] {
  return vaults.map((v) => ({
    url: v.url,
    name: escapeControl(v.name),
    local: v.local,
    failed: states(v).some((c) => c.status === 'error'),
    loading: states(v).some((c) => c.status === 'loading' || c.status === 'partial'),
    ...(v.origin === 'discovered' ? { group: escapeControl(subscriptionLabel(v)) } : {}),
    ...(v.pinned ? { pinned: true } : {}),
    ...(v.arm ? { facts: vaultFacts(v) } : {}),
    ...(v.arm?.provisioningState && v.arm.provisioningState !== 'Succeeded' ? { provisioning: escapeControl(v.arm.provisioningState) } : {}),
  }));
}

/** The pane's header line: discovery's progress or outcome. */
export function discoveryLine(d: DiscoveryState): { text: string; tone: 'muted' | 'error' } | undefined {
  switch (d.status) {
    case 'loading':
      return { text: `finding vaults: ${d.progress ?? '…'}${d.found ? ` (${d.found})` : ''}…`, tone: 'muted' };
    case 'complete': {
      const subs = d.subscriptions.length;
      if (subs === 0) return { text: 'no subscriptions visible — open one by name with :vault NAME', tone: 'muted' };
      const via = d.via === 'subscriptions' ? ' (per subscription)' : '';
      return { text: `${d.found} vault${d.found === 1 ? '' : 's'} in ${subs} subscription${subs === 1 ? '' : 's'}${via}`, tone: 'muted' };
    }
    case 'error':
      // One quiet line, never a blocker: vaults open by name are unaffected.
      return { text: `cannot list vaults: ${d.error?.message ?? 'refused'} — open one by name with :vault NAME`, tone: 'muted' };
    default:
      return undefined;
  }
}

interface Line {
  key: string;
  kind: 'group' | 'vault';
  text: string;
  index?: number;
}

function layoutLines(vaults: readonly VaultRow[]): Line[] {
  const lines: Line[] = [];
  let group: string | undefined;
  vaults.forEach((v, index) => {
    if (v.group !== undefined && v.group !== group) {
      group = v.group;
      lines.push({ key: `g:${v.group}:${index}`, kind: 'group', text: v.group || '(subscription)' });
    }
    lines.push({ key: v.url, kind: 'vault', text: v.name, index });
  });
  return lines;
}

interface Props {
  vaults: readonly VaultRow[];
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  discovery?: DiscoveryState;
}

/** The vaults: opened ones first, then discovered ones under their subscription; the current one marked, failures flagged. */
export const VaultsPane = memo(function VaultsPane({ vaults, selected, focused, width, height, theme, discovery }: Props) {
  const status = discovery ? discoveryLine(discovery) : undefined;
  const inner = width - 4;
  // Wide enough for a table: each row shows ARM's facts beside the name.
  const table = inner >= 60;
  const current = vaults[selected];
  // Narrow pane: the current vault's facts under the list (word wrap needs some slack).
  const footer = !table && current?.facts ? Math.min(5, Math.ceil((current.facts.length * 1.3) / Math.max(1, inner))) : 0;
  // The discovery line wraps (a refusal says why and what to do instead), up to three lines.
  const statusLines = status ? Math.min(3, Math.ceil(status.text.length / Math.max(1, inner))) : 0;
  const rows = Math.max(1, height - 3 - statusLines - footer);
  const lines = layoutLines(vaults);
  const at = Math.max(0, lines.findIndex((l) => l.index === selected));
  const start = Math.max(0, Math.min(at - rows + 1, lines.length - rows));
  const nameWidth = Math.min(26, Math.max(12, ...vaults.map((v) => v.name.length + 2)));
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <Text bold color={color(focused ? theme.accent : theme.text)} wrap="truncate-end">
        1 Vaults
      </Text>
      {status ? (
        <Box height={statusLines} overflow="hidden">
          <Text color={color(status.tone === 'error' ? theme.error : theme.muted)} wrap="wrap">
            {status.text}
          </Text>
        </Box>
      ) : null}
      {vaults.length === 0 && discovery?.status !== 'loading' ? (
        <Text color={color(theme.muted)} wrap="truncate-end">
          none open (:vault NAME)
        </Text>
      ) : null}
      {lines.slice(start, start + rows).map((line) => {
        if (line.kind === 'group') {
          return (
            <Text key={line.key} color={color(theme.muted)} bold wrap="truncate-end">
              {`▾ ${line.text}`}
            </Text>
          );
        }
        const v = vaults[line.index!];
        const isCurrent = line.index === selected;
        return (
          <Box key={line.key} height={1} backgroundColor={isCurrent && focused && theme.colors ? theme.selectionBg : undefined}>
            <Box flexShrink={0}>
              <Text color={color(theme.accent)}>{isCurrent ? '›' : ' '}</Text>
            </Box>
            <Text wrap="truncate-end" bold={isCurrent} inverse={isCurrent && focused && !theme.colors} color={color(v.failed ? theme.error : isCurrent ? theme.text : theme.muted)}>
              {table ? `${v.pinned ? '*' : ''}${v.name}`.padEnd(nameWidth) : `${v.pinned ? '*' : ''}${v.name}`}
              {v.provisioning ? ` (${v.provisioning})` : ''}
              {v.loading ? '…' : ''}
              {v.failed ? ' !' : ''}
              {table && v.facts ? `  ${v.facts}` : ''}
            </Text>
          </Box>
        );
      })}
      {footer > 0 && current?.facts ? (
        <Box flexGrow={1} flexDirection="column" justifyContent="flex-end" height={footer} overflow="hidden">
          <Text color={color(theme.muted)} wrap="wrap">
            {current.facts}
          </Text>
        </Box>
      ) : null}
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
