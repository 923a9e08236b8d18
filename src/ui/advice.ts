// The store's advice (`next: ['recover', 'purge']`) in the user's keys: "D shows deleted
// items, then u recovers, P purges". Keys come from the keymap, so a remap changes the advice.
import type { NextAction } from '../store/types.js';
import type { Binding } from './keymap.js';
import { keyFor } from './keymap.js';

/** The advice as a clause, or undefined when there is nothing to press. */
export function adviceText(next: readonly NextAction[] | undefined, keymap: readonly Binding[]): string | undefined {
  const steps: string[] = [];
  if (next?.includes('recover')) steps.push(`${keyFor(keymap, 'item.recover')} recovers`);
  if (next?.includes('purge')) steps.push(`${keyFor(keymap, 'item.purge')} purges`);
  if (steps.length === 0) return undefined;
  return `${keyFor(keymap, 'deleted.toggle')} shows deleted items, then ${steps.join(', ')}`;
}

/** An error's message with its advice after it. */
export function withAdvice(error: { message: string; next?: readonly NextAction[] }, keymap: readonly Binding[]): string {
  const advice = adviceText(error.next, keymap);
  return advice ? `${error.message} (${advice})` : error.message;
}
