// `y` on a secret: which part to copy. The value (v, or y again), the id of the version shown
// (i) or the versionless URI apps reference (u): the menu's own letters. Esc (the user's back,
// or dialog.no / quit) copies nothing, and the hint names that key. The value is never shown.
import { useRef } from 'react';
import { Box, Text } from 'ink';
import { useKeyInput } from './use-key-input.js';
import { escapeControl } from '../text/escape-control.js';
import type { SecretPart } from './change-commands.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { isKeyOf, keyFor, keyName } from './keymap.js';
import { useKeymap } from './keymap-context.js';

interface Props {
  /** e.g. "secret db-password". */
  what: string;
  width: number;
  theme: Theme;
  onChoice(part: SecretPart | undefined): void;
}

const KEYS: Record<string, SecretPart> = { v: 'value', y: 'value', i: 'id', u: 'uri' };

export function CopyDialog({ what, width, theme, onChoice }: Props) {
  // Chosen once: the rest of a chunk ("yyy") does not copy again.
  const chosen = useRef(false);
  const keymap = useKeymap();
  useKeyInput((input, key) => {
    if (chosen.current) return;
    const part = KEYS[input];
    const name = keyName(input, key);
    if (part || isKeyOf(keymap, 'back', name) || isKeyOf(keymap, 'dialog.no', name) || isKeyOf(keymap, 'quit', name)) {
      chosen.current = true;
      onChoice(part);
    }
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.accent)} width={width} paddingX={1}>
      <Text bold wrap="truncate">
        Copy from {escapeControl(what)}
      </Text>
      <Text wrap="wrap">v (or y) the value · i the id of this version · u the URI without a version</Text>
      <Text color={color(theme.muted)} wrap="wrap">
        {keyFor(keymap, 'back')} copies nothing. A copied value is cleared from the clipboard after a while.
      </Text>
    </Box>
  );
}
