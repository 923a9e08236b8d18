// Terminal width of a string, as the string-width package measures it, without its costly path
// for the characters a kvx screen is made of. string-width segments anything beyond ASCII into
// graphemes and tests each against Unicode-property regexes (the first test compiles the emoji
// set: ~6 ms of the first frame); box drawing, "…", "·", "›", "✓" are one column each and need
// none of that. The bundle routes Ink's and its helpers' string-width here too (scripts/bundle.js).
import realStringWidth from 'string-width';

type Options = Parameters<typeof realStringWidth>[1];

/**
 * Code units that are one column wide on their own and never join a neighbour into one
 * grapheme: printable ASCII, Latin-1 and Latin Extended letters (not U+00AD, the soft hyphen,
 * or the combining marks from U+0300), general punctuation short of the invisible controls,
 * arrows, box drawing, blocks and the geometric shapes without an emoji presentation, and
 * ✓ ✗. The test compares every one of them with string-width itself.
 */
export function isNarrow(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa1 && c <= 0x2ff && c !== 0xad) ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x2190 && c <= 0x21ff) ||
    (c >= 0x2500 && c <= 0x25fa) ||
    c === 0x2713 ||
    c === 0x2717
  );
}

export default function stringWidth(text: string, options?: Options): number {
  if (options !== undefined || typeof text !== 'string') return realStringWidth(text, options);
  for (let i = 0; i < text.length; i++) if (!isNarrow(text.charCodeAt(i))) return realStringWidth(text);
  return text.length;
}
