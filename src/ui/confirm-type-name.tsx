// Purge cannot be undone, so it asks for the item's name to be typed: Enter goes ahead only
// when the text matches exactly; Esc gives up. A mismatch says what to type and keeps the text.
import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { escapeControl } from '../text/escape-control.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';

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
  useInput(
    (input, key) => {
      if (key.escape) return onCancel();
      if (key.return) {
        if (text === name) onConfirm();
        else setWrong(true);
        return;
      }
      if (key.backspace || key.delete) {
        setText((t) => t.slice(0, -1));
        return;
      }
      // eslint-disable-next-line no-control-regex -- typed text must not carry control characters
      const typed = key.ctrl || key.meta ? '' : input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      if (typed) {
        setText((t) => t + typed);
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
          That is not the name; type {escapeControl(name)} exactly (letters, digits and "-"), or Esc to give up.
        </Text>
      ) : null}
      <Text color={color(theme.muted)}>Enter confirm  Esc cancel</Text>
    </Box>
  );
}
