// Purge cannot be undone, so it asks for the item's name to be typed: Enter goes ahead only
// when the text matches exactly; Esc gives up. A mismatch says what to type and keeps the text.
// Those two keys are the user's input.send and input.cancel, and the hints name them.
import { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeyInput } from './use-key-input.js';
import { escapeControl } from '../text/escape-control.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { isKeyOf, keyFor, keyName, keysFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

interface Props {
  /** e.g. "purge secret db-password". */
  action: string;
  name: string;
  width: number;
  theme: Theme;
  onConfirm(): void;
  onCancel(): void;
  active?: boolean;
}

export function ConfirmTypeName({ action, name, width, theme, onConfirm, onCancel, active = true }: Props) {
  const [text, setText] = useState('');
  const [wrong, setWrong] = useState(false);
  // The text as of the last key: a chunk like "name\r" is handled key by key before a render.
  const typedRef = useRef('');
  const done = useRef(false);
  const keymap = useKeymap();
  const update = (next: string) => {
    typedRef.current = next;
    setText(next);
  };
  useKeyInput(
    (input, key) => {
      if (done.current) return;
      const pressed = keyName(input, key);
      if (isKeyOf(keymap, 'input.cancel', pressed) || pressed === 'ctrl+c') {
        done.current = true;
        return onCancel();
      }
      if (isKeyOf(keymap, 'input.send', pressed)) {
        if (typedRef.current === name) {
          done.current = true;
          onConfirm();
        } else setWrong(true);
        return;
      }
      if (key.backspace || key.delete) {
        update([...typedRef.current].slice(0, -1).join(''));
        return;
      }
      // eslint-disable-next-line no-control-regex -- typed text must not carry control characters
      const typed = key.ctrl || key.meta ? '' : input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      if (typed) {
        update(typedRef.current + typed);
        setWrong(false);
      }
    },
    { isActive: active },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color(theme.error)} width={width} paddingX={1}>
      <Text bold color={color(theme.error)} wrap="truncate">
        {escapeControl(action)}: this cannot be undone
      </Text>
      <Text wrap="wrap">Type the name {escapeControl(name)} to confirm:</Text>
      <Text>
        {'> '}
        {escapeControl(text)}
        <Text inverse> </Text>
      </Text>
      {wrong ? (
        <Text color={color(theme.error)} wrap="wrap">
          That is not the name; type {escapeControl(name)} exactly (letters, digits and "-"), or {keyFor(keymap, 'input.cancel')} to give up.
        </Text>
      ) : null}
      <Text color={color(theme.muted)}>
        {keysFor(keymap, 'input.send')} confirm  {keysFor(keymap, 'input.cancel')} cancel
      </Text>
    </Box>
  );
}
