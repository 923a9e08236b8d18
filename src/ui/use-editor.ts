import { useCallback } from 'react';
import { useApp } from 'ink';
import type { EditTextOptions } from './edit-text.js';
import { editText } from './edit-text.js';
import { holdTerminalInput } from './terminal-input-hold.js';

/**
 * A form's Ctrl-E: hands the terminal to $EDITOR through Ink's suspendTerminal (Ink restores
 * raw mode and redraws afterwards, also when the editor fails) and resolves with the edited
 * text. `onError` gets a message that never contains the text.
 */
export function useEditor(onError: (message: string) => void, options: EditTextOptions = {}): (current: string) => Promise<string | undefined> {
  const { suspendTerminal } = useApp();
  const { env, tempRoot } = options;
  return useCallback(
    async (current: string) => {
      let result: string | undefined;
      try {
        await suspendTerminal(async () => {
          // The editor's keys are the editor's: kvx stops reading the terminal until it exits.
          const release = holdTerminalInput();
          try {
            result = await editText(current, { env, tempRoot });
          } finally {
            release();
          }
        });
      } catch (error) {
        onError(error instanceof Error ? error.message : 'the editor failed; the value was left unchanged');
        return undefined;
      }
      return result;
    },
    [suspendTerminal, onError, env, tempRoot],
  );
}
