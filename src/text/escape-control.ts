// Shared by the store (error messages), the UI (everything drawn), the CLI (usage errors) and
// the emulator (its warnings): a leaf module with no imports.
// Text from outside (vault names, tags, values, subjects, typed arguments) can carry terminal
// escape sequences: a name like "\x1b]52;c;…\x07" would otherwise write to the user's
// clipboard or repaint the screen. Invisible characters (zero-width, bidi controls) would let
// "pa\u200bssword" pass for "password" or reorder what is shown. Everything from outside
// passes through here before it reaches a terminal.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Zero-width and bidi formatting characters: shown as ⟨U+XXXX⟩ so they can be seen. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]/;

const ESCAPABLE = new RegExp(`${CONTROL.source}|${INVISIBLE.source}`, 'g');

const NAMED: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u001b': '\\e',
};

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  const named = NAMED[ch];
  if (named !== undefined) return named;
  if (INVISIBLE.test(ch)) {
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  }
  return `\\u{${code.toString(16)}}`;
}

/**
 * Replaces control characters (C0, DEL, C1, line/paragraph separators) with visible escapes
 * (`\e`, `\n`, `\u{7}`) and invisible characters (U+200B–U+200F, U+202A–U+202E,
 * U+2060–U+2069, U+FEFF, U+061C) with `⟨U+200B⟩`.
 */
export function escapeControl(text: string): string {
  return text.replace(ESCAPABLE, visible);
}

/** True when `text` holds anything escapeControl would change. */
export function needsEscape(text: string): boolean {
  return new RegExp(ESCAPABLE.source).test(text);
}
