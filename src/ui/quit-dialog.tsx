// Quitting while operations run: says what stays undone and asks — wait for them (kvx quits
// when the last one ends), quit anyway, or stay. The keys and their hints come from the keymap.
import { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { Store } from '../store/types.js';
import type { Binding } from './keymap.js';
import { isKeyOf, keyName, keysFor } from './keymap.js';
import { undoneText } from './quit-consequences.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { useKeyInput } from './use-key-input.js';
import { useStore } from './use-store.js';

interface Props {
  store: Store;
  keymap: readonly Binding[];
  width: number;
  theme: Theme;
  /** Leave now. */
  onQuit(): void;
  /** Back to the explorer; nothing is left waiting. */
  onStay(): void;
}

export function QuitDialog({ store, keymap, width, theme, onQuit, onStay }: Props) {
  const operations = useStore(store, (s) => s.operations);
  const running = operations.filter((o) => o.state === 'running');
  const [waiting, setWaiting] = useState(false);
  const done = useRef(false);
  const finish = (then: () => void) => {
    if (done.current) return;
    done.current = true;
    then();
  };
  useEffect(() => {
    if (waiting && running.length === 0) finish(onQuit);
  });
  useKeyInput((input, key) => {
    const name = keyName(input, key);
    if (isKeyOf(keymap, 'quit', name) || name === 'ctrl+c') finish(onQuit);
    else if (!waiting && isKeyOf(keymap, 'dialog.wait', name)) setWaiting(true);
    else if (isKeyOf(keymap, 'dialog.no', name)) finish(onStay);
  });
  const count = `${running.length} operation${running.length === 1 ? '' : 's'}`;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.warning)} width={width} paddingX={1}>
      <Text bold color={color(theme.warning)} wrap="truncate">
        {waiting ? `Waiting for ${count} to finish, then quitting…` : `Quit with ${count} still running?`}
      </Text>
      {running.map((op) => (
        <Text key={op.id} wrap="wrap">
          {'• '}
          {undoneText(op)}
        </Text>
      ))}
      <Text color={color(theme.muted)} wrap="wrap">
        {waiting
          ? `${keysFor(keymap, 'quit')} quit anyway  ${keysFor(keymap, 'dialog.no')} stop waiting`
          : `${keysFor(keymap, 'dialog.wait')} wait for them  ${keysFor(keymap, 'quit')} quit anyway  ${keysFor(keymap, 'dialog.no')} stay`}
      </Text>
    </Box>
  );
}
