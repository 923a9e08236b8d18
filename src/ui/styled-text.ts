// Text styled the way Ink's <Text> props style it (colour, then bold, underline, strikethrough,
// inverse: Ink's order), as one string with its escapes. A list row is one such string in
// one <Text> instead of a <Text> per cell and per highlighted run: a filter keystroke
// re-renders every row in view, and each nested <Text> was a component, a node for Ink and
// a pass of Ink's text squashing in every frame.
import chalk, { foregroundColorNames } from 'chalk';
import type { ForegroundColorName } from 'chalk';

export interface TextStyle {
  /** A colour as Ink's `color` prop takes it (a name or #rrggbb); undefined: the terminal's own. */
  color?: string;
  bold?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
}

const NAMED = new Set<string>(foregroundColorNames);

function colorize(text: string, color: string): string {
  if (NAMED.has(color)) return chalk[color as ForegroundColorName](text);
  if (color.startsWith('#')) return chalk.hex(color)(text);
  return text;
}

export function styled(text: string, style: TextStyle): string {
  let out = text;
  if (style.color) out = colorize(out, style.color);
  if (style.bold) out = chalk.bold(out);
  if (style.underline) out = chalk.underline(out);
  if (style.strikethrough) out = chalk.strikethrough(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
