// Read-only mode is enforced in the store, not only by hiding keys: every mutating action
// asks the guard first, so a direct call (a command, a script, a future key binding) is
// refused just the same.
import { ActionRefusedError } from './operations-errors.js';

export interface ReadOnlyGuard {
  readonly readOnly: boolean;
  /** Throws a `readOnly` refusal naming the action when the store is read-only. */
  assertWritable(action: string): void;
}

export function createReadOnlyGuard(readOnly: boolean): ReadOnlyGuard {
  return {
    readOnly,
    assertWritable(action) {
      if (readOnly) {
        throw new ActionRefusedError('readOnly', `read-only mode: cannot ${action}; kvx was started with --read-only, restart without it to make changes`);
      }
    },
  };
}
