import { Box, Text } from 'ink';
import type { LoadStatus } from '../store/types.js';
import type { ListSort } from './sort.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { escapeControl } from '../text/escape-control.js';

const fmt = new Intl.NumberFormat('en-US');

/** "12 of 3,104" while filtering, the total otherwise; "…" while more pages are coming. */
export function countText(shown: number, total: number, filtering: boolean, status: LoadStatus): string {
  const more = status === 'loading' || status === 'partial' ? '…' : '';
  return filtering ? `${fmt.format(shown)} of ${fmt.format(total)}${more}` : `${fmt.format(total)}${more} items`;
}

interface Props {
  filter: string;
  editing: boolean;
  shown: number;
  total: number;
  status: LoadStatus;
  sort: ListSort;
  width: number;
  theme: Theme;
  /** What holds the list up, e.g. "throttled, retrying in 2s". */
  notice?: string;
}

/** The line under a list: the filter being typed (or applied), the count and the sort order. */
export function ListFooter({ filter, editing, shown, total, status, sort, width, theme, notice }: Props) {
  const right = `${countText(shown, total, filter !== '', status)} · by ${sort.key}${sort.reverse ? ' ↑' : ''}`;
  return (
    <Box height={1} width={width}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {editing || filter ? (
          <Text wrap="truncate-start" color={color(editing ? theme.accent : theme.text)}>
            /{escapeControl(filter)}
            {editing ? '▏' : ''}
          </Text>
        ) : notice ? (
          <Text color={color(theme.warning)} wrap="truncate-end">
            {notice}
          </Text>
        ) : (
          <Text color={color(theme.muted)} wrap="truncate-end">
            {status === 'loading' && total === 0 ? 'loading…' : ''}
          </Text>
        )}
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text color={color(theme.muted)}>{right}</Text>
      </Box>
    </Box>
  );
}
