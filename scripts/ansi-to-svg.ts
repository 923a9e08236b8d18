// Turns a terminal frame (text with SGR colour sequences, as Ink writes it) into an SVG: a
// monospace grid, one <text> per run of equal style. Used by `npm run screenshots`.

const PALETTE: Record<number, string> = {
  30: '#1d1f21', 31: '#e06c75', 32: '#98c379', 33: '#e5c07b', 34: '#61afef', 35: '#c678dd', 36: '#56b6c2', 37: '#dcdfe4',
  90: '#7f848e', 91: '#ef8891', 92: '#b5e890', 93: '#f0d197', 94: '#8cc8ff', 95: '#de9bf0', 96: '#7fdde9', 97: '#ffffff',
};
const DEFAULT_FG = '#dcdfe4';
const DEFAULT_BG = '#1e2127';

interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  underline: boolean;
  inverse: boolean;
}

interface Cell {
  ch: string;
  style: Style;
}

function apply(style: Style, params: number[]): Style {
  const s = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) Object.assign(s, { fg: undefined, bg: undefined, bold: false, dim: false, underline: false, inverse: false });
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 22) Object.assign(s, { bold: false, dim: false });
    else if (p === 4) s.underline = true;
    else if (p === 24) s.underline = false;
    else if (p === 7) s.inverse = true;
    else if (p === 27) s.inverse = false;
    else if (p === 39) s.fg = undefined;
    else if (p === 49) s.bg = undefined;
    else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) s.fg = PALETTE[p];
    else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) s.bg = PALETTE[p - 10];
    else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const hex = `#${params.slice(i + 2, i + 5).map((n) => n.toString(16).padStart(2, '0')).join('')}`;
      if (p === 38) s.fg = hex;
      else s.bg = hex;
      i += 4;
    } else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const n = params[i + 2];
      const hex = n < 8 ? PALETTE[30 + n] : n < 16 ? PALETTE[82 + n] : DEFAULT_FG;
      if (p === 38) s.fg = hex;
      else s.bg = hex;
      i += 2;
    }
  }
  return s;
}

/** Parses a frame into rows of styled cells (one cell per code point). */
export function parseAnsi(frame: string, columns: number, rows: number): Cell[][] {
  const blank = (): Cell => ({ ch: ' ', style: { bold: false, dim: false, underline: false, inverse: false } });
  const grid: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, blank));
  let style: Style = blank().style;
  let row = 0;
  let col = 0;
  for (let i = 0; i < frame.length; ) {
    const ch = frame[i];
    if (ch === '\u001b') {
      // eslint-disable-next-line no-control-regex -- parsing escape sequences is the point
      const m = /^\u001b\[([0-9;?]*)([A-Za-z])/.exec(frame.slice(i, i + 40));
      if (m) {
        if (m[2] === 'm') style = apply(style, m[1] === '' ? [0] : m[1].split(';').map(Number));
        i += m[0].length;
        continue;
      }
      // eslint-disable-next-line no-control-regex -- parsing escape sequences is the point
      const osc = /^\u001b\][^\u0007]*\u0007/.exec(frame.slice(i));
      i += osc ? osc[0].length : 1;
      continue;
    }
    if (ch === '\n') {
      row++;
      col = 0;
      i++;
      continue;
    }
    const cp = frame.codePointAt(i)!;
    const text = String.fromCodePoint(cp);
    if (row < rows && col < columns) grid[row][col] = { ch: text, style };
    col++;
    i += text.length;
  }
  return grid;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The grid as SVG at `cell` pixels per column and `line` per row. */
export function ansiToSvg(frame: string, columns: number, rows: number, options: { cell?: number; line?: number; font?: number } = {}): string {
  const cw = options.cell ?? 8.4;
  const lh = options.line ?? 18;
  const fs = options.font ?? 14;
  const grid = parseAnsi(frame, columns, rows);
  const pad = 12;
  const width = Math.ceil(columns * cw + pad * 2);
  const height = Math.ceil(rows * lh + pad * 2);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" rx="6" fill="${DEFAULT_BG}"/>`,
    `<g font-family="DejaVu Sans Mono, monospace" font-size="${fs}" xml:space="preserve">`,
  ];
  grid.forEach((cells, r) => {
    const y = pad + r * lh;
    let c = 0;
    while (c < cells.length) {
      const start = c;
      const key = JSON.stringify(cells[c].style);
      let text = '';
      while (c < cells.length && JSON.stringify(cells[c].style) === key) text += cells[c++].ch;
      const s = cells[start].style;
      const fg = s.inverse ? (s.bg ?? DEFAULT_BG) : (s.fg ?? DEFAULT_FG);
      const bg = s.inverse ? (s.fg ?? DEFAULT_FG) : s.bg;
      const x = pad + start * cw;
      if (bg) out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${((c - start) * cw).toFixed(1)}" height="${lh}" fill="${bg}"/>`);
      if (text.trim() === '') continue;
      // One <text> per character keeps the grid exact whatever the font's advance.
      [...text].forEach((ch, k) => {
        if (ch === ' ') return;
        out.push(
          `<text x="${(x + k * cw).toFixed(1)}" y="${y + lh - 5}" fill="${fg}"${s.bold ? ' font-weight="bold"' : ''}${s.dim ? ' opacity="0.6"' : ''}${s.underline ? ' text-decoration="underline"' : ''}>${esc(ch)}</text>`,
        );
      });
    }
  });
  out.push('</g></svg>');
  return out.join('\n');
}
