import { memo, useEffect, useMemo, useRef } from 'react';
import cliTruncate from 'cli-truncate';
import stringWidth from '../text/string-width.js';
import { Box, Text } from 'ink';
import type { CollectionKind, ItemSummary, Store } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import { highlightIndices, highlightSegments } from './fuzzy-filter.js';
import type { Column } from './columns.js';
import { COLUMN_GAP, layoutColumns } from './columns.js';
import { cellText, displayName } from './item-text.js';
import { scrollOffset, visibleRange } from './list-window.js';
import { expiryTone } from './relative-time.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { styled } from './styled-text.js';
import { useVisibleEnrichment } from './use-visible-enrichment.js';
import { rendered } from './render-probe.js';

interface Props {
  rows: readonly Filtered<ItemSummary>[];
  cursor: number;
  kind: CollectionKind;
  deleted: boolean;
  width: number;
  /** Rows for items (the column header is extra). */
  height: number;
  focused: boolean;
  now: number;
  theme: Theme;
  /** Where to ask for key types / issuers of the rows in view (absent: the cells stay as listed). */
  store?: Store;
  vault?: string;
  /** Running operations on rows of this list, by item name (lowercase): their step in the service's words. */
  busy?: ReadonlyMap<string, string>;
  /**
   * The filter the rows matched: their names highlight where it matches. Computed here for the
   * rows in view rather than kept per row, so filtering thousands of rows builds no highlights.
   */
  query?: string;
}

function rowTone(item: ItemSummary, now: number, theme: Theme): string | undefined {
  const tone = expiryTone(item.expiresOn, now);
  if (tone === 'expired') return color(theme.error);
  if (tone === 'soon') return color(theme.warning);
  if (item.enabled === false) return color(theme.muted);
  return undefined;
}

/** Without colours an expired or expiring row still says so: a mark before its expiry. */
function plainMark(item: ItemSummary, now: number, theme: Theme): string {
  if (theme.colors) return '';
  const tone = expiryTone(item.expiresOn, now);
  return tone === 'expired' ? '✗' : tone === 'soon' ? '!' : '';
}

const GAP = ' '.repeat(COLUMN_GAP);

/**
 * A cell's text cut to its width with "…" at the end (what Ink's truncate-end does), the
 * spaces that fill the rest, and how many characters of the text were kept.
 */
function fitCell(text: string, width: number): { text: string; pad: string; cut: boolean; kept: number } {
  const w = stringWidth(text);
  if (w <= width) return { text, pad: ' '.repeat(width - w), cut: false, kept: text.length };
  const cut = cliTruncate(text, width, { position: 'end' });
  return { text: cut, pad: ' '.repeat(Math.max(0, width - stringWidth(cut))), cut: true, kept: cut.length - 1 };
}

/**
 * One row is one line of text: its cells, cut and padded here to their columns, and the
 * filter's highlights are styled into one string (styled-text.ts) drawn by a single Text.
 * Ink lays out and draws each Box, and squashes each nested Text in every frame: with a Box
 * per cell a frame that changed every row in view (a filter character, a page down) spent
 * ~4 ms of CPU more at 80×24, and with a Text per cell and per highlighted run a filter
 * keystroke at 50,000 items allocated 757 KB instead of 536 KB.
 */
const Row = memo(function Row({
  row,
  columns,
  selected,
  focused,
  now,
  theme,
  busy,
  query,
}: {
  row: Filtered<ItemSummary>;
  columns: readonly Column[];
  selected: boolean;
  focused: boolean;
  now: number;
  theme: Theme;
  /** The step of an operation running on this item ("deleting", "purging"): shown in place of the update time. */
  busy?: string;
  query: string;
}) {
  useEffect(() => rendered('ItemRow mounted'), []);
  const tone = busy ? color(theme.warning) : rowTone(row.item, now, theme);
  const highlight = selected && focused && theme.colors;
  const going = busy !== undefined && /delet|purg/.test(busy);
  const name = displayName(row.item);
  const strong = highlight ? color(theme.selectionFg) : tone;
  let line = styled(selected ? '›' : ' ', { color: color(theme.accent) });
  columns.forEach((c, i) => {
    line += i === 0 ? ' ' : GAP;
    if (c.id === 'name') {
      const cell = fitCell(name, c.width);
      const indices = query ? highlightIndices(query, name) : row.indices;
      let text = '';
      for (const s of highlightSegments(cell.text, cell.cut ? indices.filter((k) => k < cell.kept) : indices)) {
        text += s.match ? styled(s.text, { color: color(theme.match), bold: true, underline: !theme.colors }) : s.text;
      }
      line += styled(text, { color: strong, inverse: selected && focused && !theme.colors, strikethrough: going }) + cell.pad;
      return;
    }
    const cell = fitCell(busy && c.id === 'updated' ? busy : `${c.id === 'expires' ? plainMark(row.item, now, theme) : ''}${cellText(row.item, c.id, now)}`, c.width);
    line += styled(cell.text, { color: c.id === 'expires' || c.id === 'enabled' || (busy && c.id === 'updated') ? strong : color(theme.muted) }) + cell.pad;
  });
  return (
    <Box height={1} backgroundColor={highlight ? theme.selectionBg : undefined}>
      <Text wrap="truncate-end">{line}</Text>
    </Box>
  );
});

/**
 * A windowed item list: the column header and only the rows in view, so scrolling 10,000
 * items renders the same few rows. The window follows the cursor.
 */
export function ItemList({ rows, cursor, kind, deleted, width, height, focused, now, theme, store, vault, busy, query = '' }: Props) {
  const offsetRef = useRef(0);
  const body = Math.max(1, height);
  const offset = scrollOffset(offsetRef.current, cursor, rows.length, body);
  offsetRef.current = offset;
  const { start, end } = visibleRange(offset, rows.length, body);
  const columns = useMemo(() => layoutColumns(kind, deleted, Math.max(1, width - 2)), [kind, deleted, width]);
  const shown = rows.slice(start, end);
  useVisibleEnrichment(store, vault, kind, deleted, useMemo(() => rows.slice(start, end).map((r) => r.item), [rows, start, end]));
  return (
    <Box flexDirection="column" width={width} height={body + 1} overflow="hidden">
      <Box height={1}>
        <Text> </Text>
        {columns.map((c, i) => (
          <Box key={c.id} width={c.width} marginLeft={i === 0 ? 1 : COLUMN_GAP} flexShrink={0}>
            <Text bold color={color(theme.muted)} wrap="truncate-end">
              {c.title}
            </Text>
          </Box>
        ))}
      </Box>
      {/* Keyed by line, not by item: a filter character or a page down replaces every row in
          view, and updating the lines in place costs a fraction of unmounting them and
          mounting new ones (Ink nodes, layout nodes); a filter character at 50,000 items drew
          in 9 ms instead of 12. */}
      {shown.map((row, i) => (
        <Row key={i} row={row} columns={columns} selected={start + i === cursor} focused={focused} now={now} theme={theme} busy={busy?.get(row.item.name.toLowerCase())} query={query} />
      ))}
    </Box>
  );
}
