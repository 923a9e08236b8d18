// `:az` — the Azure CLI commands that do what kvx shows and did this session (never a value).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { escapeControl } from '../text/escape-control.js';
import { windowAround } from './cross-vault-rows.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { PaneFrame } from './pane-frame.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

export interface AzEntry {
  /** What the command does, e.g. "shown: secret db-password" or "✓ delete secret contoso-prod/x". */
  title: string;
  command: string;
}

interface Props {
  entries: readonly AzEntry[];
  cursor: number;
  width: number;
  height: number;
  theme: Theme;
}

function AzPaneImpl({ entries, cursor, width, height, theme }: Props) {
  const keymap = useKeymap();
  const inner = Math.max(1, height - 4);
  // Each entry takes its title line plus its command's lines.
  const lines: { entry: number; text: string; title: boolean }[] = [];
  // Commands are wrapped here (not by Ink) so the pane knows its height: a policy JSON is long.
  const room = Math.max(10, width - 8);
  entries.forEach((e, i) => {
    lines.push({ entry: i, text: e.title, title: true });
    for (const l of e.command.split('\n')) {
      const chars = [...escapeControl(l)];
      for (let at = 0; at < Math.max(1, chars.length); at += room) lines.push({ entry: i, text: `  ${chars.slice(at, at + room).join('')}`, title: false });
    }
  });
  const focus = Math.max(0, lines.findIndex((l) => l.entry === cursor));
  const { start, end } = windowAround(lines.length, focus, inner);
  return (
    <PaneFrame focused width={width} height={height} theme={theme}>
      <Text bold color={color(theme.accent)} wrap="truncate-end">
        Azure CLI equivalents · {entries.length} command{entries.length === 1 ? '' : 's'}
      </Text>
      <Text color={color(theme.muted)} wrap="truncate-end">
        values appear as "$VALUE" / "$PASSWORD" · {keyFor(keymap, 'copy')} copies the selected one · {keyFor(keymap, 'back')} back
      </Text>
      {entries.length === 0 ? (
        <Text color={color(theme.muted)}>open an item or make a change first: nothing to show yet</Text>
      ) : (
        lines.slice(start, end).map((line, i) => {
          const isSelected = line.entry === cursor;
          return (
            <Box key={start + i}>
              <Text
                wrap="truncate-end"
                bold={line.title}
                inverse={isSelected && line.title && !theme.colors}
                color={color(isSelected ? theme.accent : line.title ? theme.text : theme.muted)}
              >
                {line.title ? (isSelected ? '› ' : '  ') : ''}
                {line.title ? escapeControl(line.text) : line.text}
              </Text>
            </Box>
          );
        })
      )}
    </PaneFrame>
  );
}

export const AzPane = memo(AzPaneImpl);
