import { useInput } from 'ink';
import type { Binding, Context } from './keymap.js';
import { keyName, resolveCommand } from './keymap.js';

/**
 * Routes key presses through the keymap: `onCommand` gets the command id for keys that map
 * to one in the active contexts; `onOther` (if given) gets every other key, e.g. for text entry.
 */
export function useKeymapInput(
  keymap: readonly Binding[],
  active: readonly Context[],
  onCommand: (command: string) => void,
  options: { isActive?: boolean; onOther?: (name: string, input: string) => void } = {},
): void {
  useInput(
    (input, key) => {
      const name = keyName(input, key);
      const binding = resolveCommand(keymap, name, active);
      if (binding) onCommand(binding.command);
      else options.onOther?.(name, input);
    },
    { isActive: options.isActive ?? true },
  );
}
