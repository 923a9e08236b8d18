import { memo, useRef } from 'react';
import { rendered } from './render-probe.js';
import { Box, Text } from 'ink';
import type { ClassifiedError, DetailsState, ItemSummary, RevealedSecret } from '../store/types.js';
import type { DetailLine, Tone } from './detail-lines.js';
import { LABEL_WIDTH, commonLines, versionLines, wrapLines } from './detail-lines.js';
import { certificateLines } from './certificate-details.js';
import { keyLines } from './key-details.js';
import { secretLines } from './secret-details.js';
import { ErrorBanner, errorBannerLines } from './error-banner.js';
import { scrollOffset, visibleRange } from './list-window.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { PaneFrame } from './pane-frame.js';
import { escapeControl } from '../text/escape-control.js';
import type { Binding } from './keymap.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

export interface DetailsInput {
  item: ItemSummary;
  /** Details of the shown version (the latest when `version` is undefined). */
  details: DetailsState | undefined;
  /** Details of the latest, which carry the versions list. */
  latest: DetailsState | undefined;
  version?: string;
  revealed?: RevealedSecret;
  revealing: boolean;
  /** Why the last reveal of this item failed (the store's revealError, when it is about this item). */
  revealError?: ClassifiedError;
  /** The user's keymap, for the keys named in the lines ("v reveals"). */
  keymap?: readonly Binding[];
}

/** Every line the pane can show, for the item's kind, wrapped to `width`. */
export function buildDetailLines(input: DetailsInput, width: number, now: number): DetailLine[] {
  const item = input.details?.item ?? input.item;
  const opts = { now, width, version: input.version, revealing: input.revealing, revealError: input.revealError, keymap: input.keymap };
  const body =
    item.kind === 'secrets'
      ? secretLines(item, input.revealed, opts)
      : item.kind === 'keys'
        ? keyLines(item, opts)
        : certificateLines(item, opts);
  const lines = input.details?.item ? body : [...(item.kind === 'secrets' ? body.slice(0, 2) : []), ...commonLines(item, now)];
  return wrapLines([...lines, ...versionLines(input.latest, input.version, now)], width);
}

function toneColor(tone: Tone | undefined, theme: Theme): string | undefined {
  switch (tone) {
    case 'error':
      return color(theme.error);
    case 'warning':
      return color(theme.warning);
    case 'success':
      return color(theme.success);
    case 'muted':
      return color(theme.muted);
    case 'accent':
      return color(theme.accent);
    case 'secret':
      return color(theme.warning);
    default:
      return undefined;
  }
}

function Line({ line, selected, width, theme }: { line: DetailLine; selected: boolean; width: number; theme: Theme }) {
  const openKey = keyFor(useKeymap(), 'open');
  const marker = <Text color={color(theme.accent)}>{selected ? '›' : ' '}</Text>;
  switch (line.kind) {
    case 'heading':
      return (
        <Text wrap="truncate-end" bold color={color(theme.accent)}>
          {marker}
          {line.text}
        </Text>
      );
    case 'field':
      return (
        <Text wrap="truncate-end">
          {marker}
          <Text color={color(theme.muted)}>{line.label.slice(0, LABEL_WIDTH - 1).padEnd(LABEL_WIDTH - 1)}</Text>
          <Text color={toneColor(line.tone, theme)}>{line.value}</Text>
        </Text>
      );
    case 'text':
      return (
        <Text wrap="truncate-end" color={toneColor(line.tone, theme)}>
          {marker}
          {line.text.slice(0, width)}
        </Text>
      );
    case 'version':
      return (
        <Text wrap="truncate-end" color={toneColor(line.tone, theme)} bold={line.current} inverse={selected && !theme.colors}>
          {marker}
          {line.current ? '● ' : '  '}
          {line.text}
          {selected ? `  (${openKey} shows it)` : ''}
        </Text>
      );
  }
}

interface Props {
  item: ItemSummary;
  details: DetailsState | undefined;
  version?: string;
  /** From buildDetailLines, at this pane's inner width less one. */
  lines: readonly DetailLine[];
  cursor: number;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  /** The key that opens the error view, as the keymap has it. */
  errorKey?: string;
}

/** Inner width available to detail lines in a pane `width` cells wide. */
export function detailLineWidth(width: number): number {
  return Math.max(1, width - 5);
}

/** The opened item: its fields for its kind, then its versions; j/k scroll, Enter on a version shows it. */
export const DetailsPane = memo(function DetailsPane(props: Props) {
  rendered('DetailsPane');
  const { item, details, version, lines, cursor, focused, width, height, theme, errorKey } = props;
  const inner = Math.max(1, width - 4);
  const error = details?.error;
  const errorLines = error ? Math.min(errorBannerLines(error, inner).length, Math.max(1, Math.floor((height - 3) / 2))) : 0;
  const rows = Math.max(1, height - 3 - errorLines);
  const offsetRef = useRef(0);
  const at = Math.min(cursor, Math.max(0, lines.length - 1));
  const offset = scrollOffset(offsetRef.current, at, lines.length, rows);
  offsetRef.current = offset;
  const { start, end } = visibleRange(offset, lines.length, rows);
  const loading = !details || details.status === 'loading' || details.status === 'idle';
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <Text wrap="truncate-end" bold color={color(focused ? theme.accent : theme.text)}>
        {escapeControl(item.name)}
        <Text color={color(theme.muted)}>
          {version ? ` @ ${escapeControl(version).slice(0, 12)}` : ''}
          {loading && !error ? '  loading…' : ''}
          {lines.length > rows ? `  ${at + 1}/${lines.length}` : ''}
        </Text>
      </Text>
      {error ? <ErrorBanner error={error} width={inner} theme={theme} maxLines={errorLines} viewKey={errorKey} /> : null}
      <Box flexDirection="column" height={rows} overflow="hidden">
        {lines.slice(start, end).map((line, i) => (
          <Line key={start + i} line={line} selected={focused && start + i === at} width={inner - 1} theme={theme} />
        ))}
      </Box>
    </PaneFrame>
  );
});

/** Placeholder when nothing is opened (wide layout). */
export const EmptyDetails = memo(function EmptyDetails({ width, height, theme }: { width: number; height: number; theme: Theme }) {
  rendered('EmptyDetails');
  return (
    <PaneFrame focused={false} width={width} height={height} theme={theme}>
      <Text bold>Details</Text>
      <Text color={color(theme.muted)} wrap="truncate-end">
        {keyFor(useKeymap(), 'open')} opens the selected item
      </Text>
    </PaneFrame>
  );
});
