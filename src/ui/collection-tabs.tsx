import { Box, Text } from 'ink';
import type { CollectionKind } from '../store/types.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

export const TABS: readonly { kind: CollectionKind; label: string; key: string }[] = [
  { kind: 'keys', label: 'Keys', key: '2' },
  { kind: 'secrets', label: 'Secrets', key: '3' },
  { kind: 'certificates', label: 'Certificates', key: '4' },
];

/** Keys | Secrets | Certificates, the current one marked; "deleted" when that view is on. */
export function CollectionTabs({ kind, deleted, width, theme }: { kind: CollectionKind; deleted: boolean; width: number; theme: Theme }) {
  const compact = width < 44;
  return (
    <Box height={1} width={width} overflow="hidden">
      <Text wrap="truncate-end">
        {TABS.map((t, i) => {
          const active = t.kind === kind;
          const label = compact ? t.label.slice(0, 4) : t.label;
          return (
            <Text key={t.kind}>
              {i > 0 ? <Text color={color(theme.muted)}> │ </Text> : null}
              <Text color={color(active ? theme.accent : theme.muted)} bold={active} underline={active}>
                {`${t.key} ${label}`}
              </Text>
            </Text>
          );
        })}
        {deleted ? <Text color={color(theme.warning)} bold>{'  · deleted (D)'}</Text> : null}
      </Text>
    </Box>
  );
}
