// One input event from Ink can carry several keys: tmux send-keys, fast typing over SSH and
// scripts deliver "name\r" or "jj" as one chunk. Ink already cuts escape sequences (arrows,
// Shift-Tab, Delete…), Backspace and Ctrl-C out of a chunk into events of their own, but a
// run of text keeps Enter, Tab and other control characters inside it. This splits such a
// run into one key per character, the way Ink would have reported each alone. And Esc with
// the key after it: under tmux (escape-time) and over SSH they arrive as one chunk ("\x1bj"),
// which Ink reports as meta+j; a meta key nothing is bound to becomes Esc, then the key. Pure.
import type { Key } from 'ink';

export interface KeyPress {
  input: string;
  key: Key;
}

/** Flags that say Ink recognised the event as one named key (its input is then not text). */
const NAMED: readonly (keyof Key)[] = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageUp',
  'pageDown',
  'home',
  'end',
  'return',
  'escape',
  'tab',
  'backspace',
  'delete',
];

/** A key with every flag off: plain text. */
export const PLAIN: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One character as Ink reports it when it arrives alone. */
function single(ch: string, base: Key): KeyPress {
  const key: Key = { ...PLAIN, eventType: base.eventType };
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...key, return: true } };
  if (ch === '\t') return { input: '', key: { ...key, tab: true } };
  if (ch === '\u007f' || ch === '\b') return { input: '', key: { ...key, backspace: true } };
  if (ch === '\u001b') return { input: '', key: { ...key, escape: true } };
  const code = ch.codePointAt(0) ?? 0;
  // Ctrl-A … Ctrl-Z (Ctrl-E opens $EDITOR in a form) and Ctrl-Space.
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...key, ctrl: true } };
  if (code === 0) return { input: ' ', key: { ...key, ctrl: true } };
  return { input: ch, key: { ...key, shift: /^[A-Z]$/.test(ch) } };
}

const ESCAPE: Key = { ...PLAIN, escape: true };

/**
 * The keys in one Ink input event: a named key, a modified key or a single character stay as
 * they are; a run of text becomes one key per character (code point), with `\r`/`\n` as Enter,
 * `\t` as Tab and `\x7f`/`\b` as Backspace. A meta key that `isBoundMeta` does not claim
 * (by default none is) is Esc followed by the key without meta: "\x1bq" is Esc, then q;
 * "\x1b\x1b" is Esc twice.
 */
export function splitKeys(input: string, key: Key, isBoundMeta: (press: KeyPress) => boolean = () => false): KeyPress[] {
  if (key.meta && !isBoundMeta({ input, key })) {
    const rest: Key = { ...key, meta: false };
    return [{ input: '', key: { ...ESCAPE, eventType: key.eventType } }, ...splitKeys(input, rest)];
  }
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta || NAMED.some((flag) => key[flag])) return [{ input, key }];
  return chars.map((ch) => single(ch, key));
}
