// Shared by the store (error messages) and the UI (everything drawn): a leaf module with no imports.
// Vault content (names, tags, values, subjects) can carry terminal escape sequences; a
// name like "\x1b]52;c;…\x07" would otherwise write to the user's clipboard or repaint the
// screen. Everything from a vault passes through here before it reaches Ink.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u001b': '\\e',
};

/** Replaces control characters (C0, DEL, C1, bidi overrides) with visible escapes. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
