// Word wrap for text that must be read whole (errors): breaks at spaces, and inside a word
// only when the word alone is wider than the line (ids, URLs). Pure, so panes can count the
// rows an error needs before they lay out the rest.

/** `text` as lines of at most `width` characters; continuation lines start with `indent`. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const w = Math.max(4, width);
  // Leading spaces are the first line's own indent and are kept.
  const lead = /^ */.exec(text)?.[0] ?? '';
  const out: string[] = [];
  let line = '';
  const room = () => w - (out.length === 0 ? lead.length : indent.length);
  const push = () => {
    out.push(out.length === 0 ? lead + line : indent + line);
    line = '';
  };
  for (const word of text.slice(lead.length).split(/ +/)) {
    if (word === '') continue;
    let rest = word;
    if (line !== '' && line.length + 1 + rest.length <= room()) {
      line += ` ${rest}`;
      continue;
    }
    if (line !== '') push();
    while (rest.length > room()) {
      line = rest.slice(0, room());
      rest = rest.slice(room());
      push();
    }
    line = rest;
  }
  if (line !== '' || out.length === 0) push();
  return out;
}
