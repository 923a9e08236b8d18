import { memo } from 'react';
import { Box, Text } from 'ink';
import { rendered } from './render-probe.js';
import type { Binding, Section } from './keymap.js';
import { describeBinding, displayKey, keyFor } from './keymap.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

const SECTIONS: readonly Section[] = ['Move', 'Panes', 'Items', 'Changes', 'App', 'Dialogs'];

export type HelpLine =
  | { kind: 'section'; title: string }
  | { kind: 'binding'; keys: string; description: string; disabled: boolean };

/** The help text as lines, generated from the keymap; mutating commands are marked in read-only mode. */
export function helpLines(keymap: readonly Binding[], readOnly: boolean): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const section of SECTIONS) {
    const bindings = keymap.filter((b) => b.section === section);
    if (bindings.length === 0) continue;
    lines.push({ kind: 'section', title: section });
    for (const b of bindings) {
      lines.push({
        kind: 'binding',
        keys: b.keys.map(displayKey).join(' '),
        description: describeBinding(keymap, b),
        disabled: readOnly && Boolean(b.mutating),
      });
    }
  }
  return lines;
}

/** Splits lines into columns of `height`; a section header never ends a column. */
export function layoutColumns(lines: HelpLine[], height: number): HelpLine[][] {
  const cols: HelpLine[][] = [];
  let current: HelpLine[] = [];
  for (const line of lines) {
    if (current.length >= height || (line.kind === 'section' && current.length >= height - 1 && current.length > 0)) {
      cols.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) cols.push(current);
  return cols;
}

interface Props {
  keymap: readonly Binding[];
  readOnly: boolean;
  width: number;
  height: number;
  /** First column shown, for scrolling when everything does not fit. */
  offset: number;
  theme: Theme;
}

export const HelpOverlay = memo(function HelpOverlay({ keymap, readOnly, width, height, offset, theme }: Props) {
  rendered('HelpOverlay');
  const inner = Math.max(1, height - 3); // border (2) + footer line
  const perRow = width >= 76 ? 2 : 1;
  const colWidth = Math.floor((width - 4) / perRow);
  const keyWidth = Math.min(14, Math.floor(colWidth / 3));
  const columns = layoutColumns(helpLines(keymap, readOnly), inner);
  const first = Math.min(Math.max(0, offset), Math.max(0, columns.length - perRow));
  const shown = columns.slice(first, first + perRow);
  const more = columns.length > first + perRow;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.focusBorder)} width={width} height={height}>
      <Box flexDirection="row" height={inner} overflow="hidden">
        {shown.map((col, i) => (
          <Box key={i} flexDirection="column" width={colWidth} paddingLeft={1}>
            {col.map((line, j) =>
              line.kind === 'section' ? (
                <Text key={j} bold color={color(theme.accent)}>
                  {line.title}
                </Text>
              ) : (
                <Text key={j} wrap="truncate" dimColor={line.disabled}>
                  <Text color={color(line.disabled ? theme.muted : theme.title)}>{line.keys.padEnd(keyWidth)}</Text>
                  {line.description}
                  {line.disabled ? ' (read-only)' : ''}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
      <Text color={color(theme.muted)} wrap="truncate">
        {' '}Help · {keyFor(keymap, 'help')} or {keyFor(keymap, 'back')} closes{more || first > 0 ? ' · ←/→ more' : ''}
      </Text>
    </Box>
  );
});
