import { Box, Text } from 'ink';
import type { ClassifiedError } from '../store/types.js';
import { describeError } from './describe-error.js';
import type { Binding } from './keymap.js';
import { defaultKeymap } from './keymap.js';
import { useKeymap } from './keymap-context.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { wrapText } from './wrap-text.js';

interface BannerLine {
  text: string;
  /** The title's lines carry the error's tone; the rest are muted. */
  title: boolean;
}

/** Every line of the banner, wrapped to `width`: the title, what the service said, what to do. */
export function errorBannerLines(error: ClassifiedError, width: number, keymap: readonly Binding[] = defaultKeymap): BannerLine[] {
  const text = describeError(error, keymap);
  const mark = text.tone === 'error' ? '✗ ' : '⚠ ';
  const out: BannerLine[] = wrapText(mark + text.title, width, '  ').map((l) => ({ text: l, title: true }));
  for (const more of [text.detail, text.hint]) {
    if (more) out.push(...wrapText(`  ${more}`, width, '  ').map((l) => ({ text: l, title: false })));
  }
  return out;
}

/**
 * A classified error shown in place, inside the pane it belongs to, wrapped rather than cut.
 * When it needs more than `maxLines` rows, the last one says which key shows all of it.
 */
export function ErrorBanner({ error, width, theme, maxLines = 3, viewKey = '!' }: { error: ClassifiedError; width: number; theme: Theme; maxLines?: number; viewKey?: string }) {
  const keymap = useKeymap();
  const tone = describeError(error, keymap).tone;
  const all = errorBannerLines(error, width, keymap);
  const room = Math.max(1, maxLines);
  const lines = all.length <= room ? all : [...all.slice(0, room - 1), { text: `  … ${viewKey} shows the whole error`, title: false }];
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" bold={line.title} color={color(line.title ? (tone === 'error' ? theme.error : theme.warning) : theme.muted)}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
