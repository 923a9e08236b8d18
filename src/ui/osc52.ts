// OSC 52 sets the clipboard of the terminal the user sits at, so a copy works over SSH. The
// payload is base64 of the UTF-8 text. Inside tmux the sequence goes through a DCS passthrough
// (`ESC P tmux; … ESC \`, every ESC inside doubled; tmux needs `allow-passthrough on`); inside
// GNU screen it is cut into DCS chunks screen passes on one by one. Pure: no I/O.

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;
/** GNU screen drops DCS strings longer than this. */
const SCREEN_CHUNK = 76;

export type Multiplexer = 'tmux' | 'screen' | 'none';

export function detectMultiplexer(env: NodeJS.ProcessEnv): Multiplexer {
  if (env.TMUX) return 'tmux';
  if (env.STY || (env.TERM ?? '').startsWith('screen')) return 'screen';
  return 'none';
}

/** The bare OSC 52 for the clipboard (`c`); an empty text clears it. */
export function osc52(text: string): string {
  return `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

export function wrapForTmux(sequence: string): string {
  return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ST}`;
}

export function wrapForScreen(sequence: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < sequence.length; i += SCREEN_CHUNK) chunks.push(`${ESC}P${sequence.slice(i, i + SCREEN_CHUNK)}${ST}`);
  return chunks.join('');
}

/** What to write to the terminal to put `text` on the user's clipboard. */
export function clipboardSequence(text: string, multiplexer: Multiplexer): string {
  const sequence = osc52(text);
  if (multiplexer === 'tmux') return wrapForTmux(sequence);
  if (multiplexer === 'screen') return wrapForScreen(sequence);
  return sequence;
}
