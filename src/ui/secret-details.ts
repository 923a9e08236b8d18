// Details of a secret: the common fields and the value, hidden until `v`. A revealed value is
// escaped (control characters shown as \e, \n…) and counts down to being hidden again.
import type { ClassifiedError, ItemDetails, RevealedSecret } from '../store/types.js';
import type { DetailLine } from './detail-lines.js';
import { commonLines, heading, textLines } from './detail-lines.js';
import { describeError } from './describe-error.js';
import type { Binding } from './keymap.js';
import { defaultKeymap, keyFor } from './keymap.js';

/**
 * Whether a revealed value belongs to what is shown: the same item and version. With the
 * latest shown (`version` undefined), a value fetched for the latest or for its version id.
 */
export function revealMatches(revealed: RevealedSecret | undefined, itemId: string | undefined, version: string | undefined, latestVersion: string | undefined): boolean {
  if (!revealed || revealed.itemId !== itemId) return false;
  if (version !== undefined) return revealed.version === version;
  return revealed.version === undefined || latestVersion === undefined || revealed.version === latestVersion;
}

export function secretLines(
  item: ItemDetails,
  revealed: RevealedSecret | undefined,
  options: { now: number; width: number; version?: string; revealing?: boolean; revealError?: ClassifiedError; keymap?: readonly Binding[] },
): DetailLine[] {
  const lines: DetailLine[] = [];
  const keymap = options.keymap ?? defaultKeymap;
  const v = keyFor(keymap, 'reveal');
  const shown = revealed && revealMatches(revealed, item.id, options.version, item.version) && revealed.hideAt > options.now;
  if (shown) {
    const left = Math.max(0, Math.ceil((revealed.hideAt - options.now) / 1000));
    lines.push(heading(`Value (hidden again in ${left}s · ${v} hides)`));
    const value = textLines(revealed.value, options.width, 'secret');
    lines.push(...(value.length ? value : [{ kind: 'text' as const, text: '(empty)', tone: 'muted' as const }]));
  } else if (item.deletedOn) {
    lines.push(heading('Value'));
    lines.push({ kind: 'text', text: 'deleted: recover it to read the value', tone: 'muted' });
  } else if (options.revealError) {
    // Why `v` showed nothing, in place of the value: the class and what to do about it.
    const text = describeError(options.revealError, keymap);
    lines.push(heading('Value'));
    lines.push({ kind: 'text', text: `✗ ${text.title}`, tone: text.tone });
    for (const more of [text.detail, text.hint]) if (more) lines.push({ kind: 'text', text: `  ${more}`, tone: 'muted' });
    lines.push({ kind: 'text', text: `•••••••• hidden · ${v} tries again`, tone: 'muted' });
  } else {
    lines.push(heading('Value'));
    lines.push({ kind: 'text', text: options.revealing ? 'revealing…' : `•••••••• hidden · ${v} reveals`, tone: 'muted' });
  }
  return [...lines, heading('Properties'), ...commonLines(item, options.now)];
}
