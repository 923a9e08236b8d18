// `:find TEXT` — matches across every open vault, grouped by vault, streaming in as lists load.
import { Text } from 'ink';
import { memo } from 'react';
import { escapeControl } from '../text/escape-control.js';
import type { FindView } from './cross-vault-rows.js';
import { asOf, progressText, windowAround } from './cross-vault-rows.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import { PaneFrame } from './pane-frame.js';
import { rendered } from './render-probe.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

const SINGULAR = { keys: 'key', secrets: 'secret', certificates: 'cert' } as const;

interface Props {
  query: string;
  view: FindView;
  cursor: number;
  width: number;
  height: number;
  now: number;
  theme: Theme;
}

function FindPaneImpl({ query, view, cursor, width, height, now, theme }: Props) {
  rendered('FindPane');
  const keymap = useKeymap();
  const inner = Math.max(1, height - 4);
  const selected = view.items[cursor];
  const focusLine = Math.max(0, view.lines.findIndex((l) => l.type === 'item' && l.item === selected?.item));
  const { start, end } = windowAround(view.lines.length, focusLine, inner);
  const p = view.progress;
  const searching = p.searched + p.refused < p.total || p.throttled > 0;
  return (
    <PaneFrame focused width={width} height={height} theme={theme}>
      <Text bold color={color(theme.accent)} wrap="truncate-end">
        Find “{escapeControl(query)}” · {view.items.length} match{view.items.length === 1 ? '' : 'es'} · {progressText(p)}
        {searching ? ' …' : ''}
      </Text>
      <Text color={color(theme.muted)} wrap="truncate-end">
        names and tags, never values · {keyFor(keymap, 'open')} opens · {keyFor(keymap, 'refresh')} again · {keyFor(keymap, 'back')} back
      </Text>
      {view.lines.length === 0 ? (
        <Text color={color(theme.muted)}>{searching ? 'searching…' : 'no item in any open vault matches'}</Text>
      ) : (
        view.lines.slice(start, end).map((line, i) => {
          if (line.type === 'vault') {
            const note =
              line.info.state === 'refused'
                ? `refused: ${line.info.note ?? ''}`
                : line.info.state === 'throttled'
                  ? `throttled, retrying: ${line.info.note ?? ''}`
                  : line.info.state === 'searching'
                    ? 'searching…'
                    : asOf(line.info.loadedAt, now);
            const tone = line.info.state === 'refused' ? theme.error : line.info.state === 'throttled' ? theme.warning : theme.muted;
            return (
              <Text key={`v${start + i}`} wrap="truncate-end">
                <Text bold>{escapeControl(line.vault.name)}</Text>
                <Text color={color(tone)}>
                  {'  '}
                  {line.matches > 0 ? `${line.matches} · ` : ''}
                  {escapeControl(note)}
                </Text>
              </Text>
            );
          }
          const isSelected = line.item === selected?.item;
          const tags = Object.entries(line.item.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ');
          return (
            <Text
              key={`i${start + i}`}
              wrap="truncate-end"
              inverse={isSelected && !theme.colors}
              backgroundColor={isSelected ? color(theme.selectionBg) : undefined}
              color={color(isSelected ? theme.selectionFg : line.item.enabled === false ? theme.muted : theme.text)}
            >
              {isSelected ? '› ' : '  '}
              {SINGULAR[line.item.kind].padEnd(7)}
              {escapeControl(line.item.name)}
              {line.item.enabled === false ? '  (disabled)' : ''}
              {tags ? `  ${escapeControl(tags)}` : ''}
            </Text>
          );
        })
      )}
    </PaneFrame>
  );
}

export const FindPane = memo(FindPaneImpl);
