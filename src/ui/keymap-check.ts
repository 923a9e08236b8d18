// Checks a keymap after config overrides: every key name must be one kvx can receive, and no
// key may trigger two commands where both could apply at once ({"reveal": ["q"]} would make
// q reveal instead of quit on a secret). Problems are sentences for the user; the CLI exits 2.
import type { Binding, Context } from './keymap.js';
import { displayKey } from './keymap.js';

/** Key names `keyName` produces besides single characters, ctrl+x and meta+x. */
export const NAMED_KEYS: readonly string[] = [
  'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end',
  'return', 'escape', 'tab', 'shift+tab', 'backspace', 'delete',
];

/** One printable character (a single code point that is not a control or format character). */
function isPrintableChar(text: string): boolean {
  const chars = [...text];
  return chars.length === 1 && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text);
}

/** Whether `name` is a key name kvx can receive ("j", "G", "down", "ctrl+e", "meta+x"). */
export function isKnownKeyName(name: string): boolean {
  if (NAMED_KEYS.includes(name)) return true;
  if (name.startsWith('ctrl+')) return /^[a-z]$/.test(name.slice(5));
  if (name.startsWith('meta+')) return isPrintableChar(name.slice(5));
  return isPrintableChar(name);
}

/** Keys a form or prompt uses for editing itself: an input.* command cannot take them. */
const EDITING_KEYS: readonly string[] = ['tab', 'shift+tab', 'up', 'down', 'left', 'right', 'home', 'end', 'backspace', 'delete', 'ctrl+u', 'ctrl+w', 'ctrl+c'];

/** Why `key` cannot be the key of an input.* command (typed text or editing would lose it); undefined when it can. */
function inputKeyProblem(key: string): string | undefined {
  if (!NAMED_KEYS.includes(key) && !key.startsWith('ctrl+')) return 'forms and prompts take it as typed text';
  if (EDITING_KEYS.includes(key)) return 'forms and prompts use it for editing';
  return undefined;
}

/**
 * Whether two contexts can be active at once. Mirrors the explorer's active contexts:
 * ['list', the focused pane, and 'secret' | 'key' | 'certificate' on a live item]; an open
 * dialog has only 'dialog'.
 */
function overlap(a: Context, b: Context): boolean {
  // A dialog reads only the dialog.* commands, a form or prompt only the input.* ones: they may
  // reuse any key the panes use.
  for (const own of ['dialog', 'input'] as const) if (a === own || b === own) return a === b;
  if (a === b || a === 'global' || b === 'global' || a === 'list' || b === 'list') return true;
  const kinds: readonly Context[] = ['secret', 'key', 'certificate'];
  const itemPanes: readonly Context[] = ['items', 'details'];
  return (kinds.includes(a) && itemPanes.includes(b)) || (kinds.includes(b) && itemPanes.includes(a));
}

function shareContext(a: Binding, b: Binding): boolean {
  // The quit prompt answers to quit as well as to the dialog keys.
  const inDialog = (x: Binding) => x.contexts.includes('dialog');
  if ((inDialog(a) && b.command === 'quit') || (inDialog(b) && a.command === 'quit')) return true;
  return a.contexts.some((ca) => b.contexts.some((cb) => overlap(ca, cb)));
}

/** Shown in messages; keeps anything odd a user typed from reaching the terminal as-is. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 37)}...` : name);
}

/**
 * Problems with `keymap` (already remapped) for the commands in `changed` (the ones the config
 * set): unknown key names, and keys that another command in an overlapping context also uses.
 */
export function keymapProblems(keymap: readonly Binding[], changed: readonly string[]): string[] {
  const problems: string[] = [];
  const reported = new Set<string>();
  for (const command of changed) {
    const binding = keymap.find((b) => b.command === command);
    if (!binding) continue;
    for (const key of binding.keys) {
      if (!isKnownKeyName(key)) {
        problems.push(
          `"keys.${command}": ${quoted(key)} is not a key name; use one character ("j", "G", "?"), ctrl+LETTER, meta+CHARACTER or one of ${NAMED_KEYS.join(', ')}`,
        );
        continue;
      }
      const inputProblem = binding.contexts.includes('input') ? inputKeyProblem(key) : undefined;
      if (inputProblem) {
        problems.push(`"keys.${command}": ${quoted(key)} cannot be used here: ${inputProblem}; use one of ${NAMED_KEYS.filter((k) => !EDITING_KEYS.includes(k)).join(', ')} or ctrl+LETTER (other than ctrl+u, ctrl+w, ctrl+c)`);
        continue;
      }
      for (const other of keymap) {
        if (other === binding || !other.keys.includes(key) || !shareContext(binding, other)) continue;
        const pair = [binding.command, other.command].sort().join('\n') + `\n${key}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        problems.push(
          `"keys.${command}": ${quoted(key)} is already the key of "${other.command}" (${other.description}); bind "${other.command}" to another key too, or choose another key (${displayKey(key)} is taken)`,
        );
      }
    }
  }
  return problems;
}
