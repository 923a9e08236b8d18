// The bundle rewrites Ink's frame composer (scripts/bundle.js, inkOutputPatch): caches carried
// from one frame to the next, one shared blank cell, one-line texts and unclipped lines kept
// as they are. Each is meant to change what a frame costs, never what it shows: Ink's own
// Output and the patched one, each bundled from the installed Ink, compose the same frames
// from the same writes, clips and transformers, frame after frame.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { Prng } from '../../src/emulator/prng.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Transformer = (line: string, index: number) => string;
interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => InkOutput;
interface StyledChar {
  value: string;
  styles: { code: string }[];
}
/** Ink's Output, with what Ink itself colours and reads text with (its chalk and ansi-tokenize). */
interface InkParts {
  default: OutputClass;
  Chalk: new (options: { level: number }) => Record<'red' | 'blue' | 'bold' | 'inverse' | 'dim' | 'bgGreen', (text: string) => string>;
  tokenize(text: string): unknown[];
  styledCharsFromTokens(tokens: unknown[]): StyledChar[];
  /** How many times Output has read (tokenized) each text. */
  reads: Map<string, number>;
  /** How many lines Output has joined back from styled characters. */
  joins: { count: number };
}

/** Output's ansi-tokenize, counting what Output reads. */
const countReads: Plugin = {
  name: 'count-reads',
  setup(b) {
    b.onResolve({ filter: /^(@alcalzone\/ansi-tokenize|counted-reads)$/ }, (args) =>
      args.importer.endsWith('output.js') || args.path === 'counted-reads' ? { path: 'counted', namespace: 'count-reads', pluginData: INK } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'count-reads' }, (args) => ({
      contents:
        "import * as real from '@alcalzone/ansi-tokenize'; export * from '@alcalzone/ansi-tokenize';" +
        'export const reads = new Map(); export function tokenize(text) { reads.set(text, (reads.get(text) ?? 0) + 1); return real.tokenize(text); }' +
        'export const joins = { count: 0 }; export function styledCharsToString(chars) { joins.count++; return real.styledCharsToString(chars); }',
      resolveDir: args.pluginData as string,
      loader: 'js',
    }));
  },
};

const INK = path.join(root, 'node_modules/ink/build');

async function inkParts(plugins: Plugin[]): Promise<InkParts> {
  const result = await build({
    stdin: {
      contents: "export { default } from './output.js'; export { Chalk } from 'chalk'; export { tokenize, styledCharsFromTokens } from '@alcalzone/ansi-tokenize'; export { reads, joins } from 'counted-reads';",
      resolveDir: INK,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins: [...plugins, countReads],
    logLevel: 'silent',
  });
  const source = result.outputFiles[0].text;
  return (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as InkParts;
}

const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
const bold = (s: string) => `\u001b[1m${s}\u001b[22m`;
const inverse = (s: string) => `\u001b[7m${s}\u001b[27m`;

/** One write, clip or unclip of a frame. */
type Op = { write: [number, number, string, Transformer[]] } | { clip: Clip } | 'unclip';

const PIECES = ['payments-db-password', '日本語の名前', 'emoji-😀-name', 'zero\u200bwidth', '─'.repeat(12), '…', '·', ' ', 'x', 'é'];

/** An integer in [0, n). */
const below = (prng: Prng, n: number): number => prng.int(0, n - 1);

function randomText(prng: Prng): string {
  const parts: string[] = [];
  const n = 1 + below(prng, 4);
  for (let i = 0; i < n; i++) {
    let piece = PIECES[below(prng, PIECES.length)];
    const style = below(prng, 5);
    if (style === 1) piece = red(piece);
    if (style === 2) piece = bold(piece);
    if (style === 3) piece = inverse(red(piece));
    parts.push(piece);
    if (below(prng, 6) === 0) parts.push('\n');
  }
  return parts.join('');
}

/** Transformers as Ink's Text makes them: its colours and styles wrapped around each line. */
function transformersOf(chalk: InstanceType<InkParts['Chalk']>): Transformer[][] {
  return [[chalk.blue], [chalk.bold, chalk.inverse], [(line, index) => (index === 0 ? chalk.red(line) : chalk.dim(line))], [chalk.bgGreen]];
}

function randomFrame(prng: Prng, width: number, height: number, transformers: Transformer[][]): Op[] {
  const ops: Op[] = [];
  let open = 0;
  const count = 1 + below(prng, 12);
  for (let i = 0; i < count; i++) {
    const choice = below(prng, 6);
    if (choice === 0) {
      ops.push({ clip: { x1: below(prng, width), x2: below(prng, width + 4), y1: below(prng, height), y2: below(prng, height + 2) } });
      open++;
    } else if (choice === 1 && open > 0) {
      ops.push('unclip');
      open--;
    } else {
      const t = below(prng, 2) === 0 ? transformers[below(prng, transformers.length)] : [];
      ops.push({ write: [below(prng, width + 4) - 2, below(prng, height), randomText(prng), t] });
    }
  }
  return ops;
}

function compose(Output: OutputClass, width: number, height: number, ops: Op[]): string {
  const output = new Output({ width, height });
  for (const op of ops) {
    if (op === 'unclip') output.unclip();
    else if ('clip' in op) output.clip(op.clip);
    else output.write(op.write[0], op.write[1], op.write[2], { transformers: op.write[3] });
  }
  return output.get().output;
}

describe("the bundle's patch of Ink's frame composer", () => {
  let ink: InkParts;
  let patched: InkParts;
  let transformers: Transformer[][];
  /**
   * What a frame shows: per line, each cell's character and its set of styles. The order in
   * which the escape codes of one cell are written is not shown (Ink itself writes a cell's
   * codes in the order they were opened, which depends on the text's history).
   */
  const shown = (frame: string) =>
    frame.split('\n').map((line) => ink.styledCharsFromTokens(ink.tokenize(line)).map((c) => `${c.value}${c.styles.map((s) => s.code).sort().join('')}`));

  before(async () => {
    const { inkOutputPatch } = (await import(pathToFileURL(path.join(root, 'scripts/bundle.js')).href)) as { inkOutputPatch: Plugin };
    [ink, patched] = await Promise.all([inkParts([]), inkParts([inkOutputPatch])]);
    transformers = transformersOf(new ink.Chalk({ level: 3 }));
  });

  test('composes the rows of a list as Ink does: styled one-line rows, a wide name cut by its clip, a multi-line text whose style spans the newline', () => {
    const chalk = new ink.Chalk({ level: 3 });
    const ops: Op[] = [
      { clip: { x1: 2, x2: 30, y1: 0, y2: 6 } },
      { write: [2, 0, `${inverse(red('payments-db-password'))}  3d ago`, [chalk.blue]] },
      { write: [2, 1, `日本語の名前-${bold('secret')}-with-a-long-tail-past-the-clip`, []] },
      { write: [0, 2, red('cut at the left edge of the clip'), []] },
      { write: [2, 3, `\u001b[31mfirst line\nsecond line\u001b[39m`, [chalk.bold]] },
      { write: [29, 5, '日本', []] },
      'unclip',
      { write: [0, 6, `${'─'.repeat(10)}…`, []] },
    ];
    const expected = compose(ink.default, 40, 8, ops);
    assert.deepEqual(shown(compose(patched.default, 40, 8, ops)), shown(expected));
    assert.match(expected, /payments-db-password/);
    assert.ok(expected.includes(`日本語の名前-${'\u001b'}[1msecre`), 'the clip cuts the wide row at its edge');
  });

  test('reads a row drawn in frame after frame once (Ink read every row anew in every frame)', () => {
    const row = `${inverse(red('orders-api-key-00042'))}  ${bold('3d ago')}  text/plain`;
    const frame = (Output: OutputClass) => {
      const output = new Output({ width: 60, height: 3 });
      output.clip({ x1: 0, x2: 60, y1: 0, y2: 3 });
      output.write(1, 1, row, { transformers: [] });
      output.unclip();
      return output.get().output;
    };
    for (let i = 0; i < 5; i++) assert.deepEqual(shown(frame(patched.default)), shown(frame(ink.default)));
    const reads = (parts: InkParts) => [...parts.reads].filter(([text]) => text.includes('orders-api-key-00042')).reduce((n, [, count]) => n + count, 0);
    assert.equal(reads(patched), 1, 'the patched composer reads the row once in five frames');
    assert.equal(reads(ink), 5, 'Ink reads it in every frame');
  });

  test('splits a text of several lines (a box side drawn in every frame) into its lines once, not in every frame', () => {
    const chalk = new ink.Chalk({ level: 3 });
    const side = red(['│', '│', '├', '│'].join('\n'));
    const frame = (Output: OutputClass, n: number) => {
      const output = new Output({ width: 20, height: 6 });
      output.clip({ x1: 0, x2: 20, y1: 0, y2: 6 });
      output.write(0, 1, side, { transformers: [chalk.bold] });
      // Every screen line changes, so each is joined anew.
      for (let y = 0; y < 6; y++) output.write(2, y, `row ${n}-${y}`, { transformers: [] });
      output.unclip();
      return output.get().output;
    };
    const joined = (parts: InkParts, draw: () => void) => {
      const before = parts.joins.count;
      draw();
      return parts.joins.count - before;
    };
    const lines = 6;
    for (let n = 0; n < 5; n++) assert.deepEqual(shown(frame(patched.default, n)), shown(frame(ink.default, n)), `frame ${n}`);
    // The patched composer joins each frame's 6 screen lines and nothing else (the side was
    // split in the frame before); Ink also splits the side's 4 lines anew in every frame (and
    // cuts every line to its clip).
    assert.equal(joined(patched, () => [0, 1, 2, 3, 4].forEach((n) => frame(patched.default, n))), 5 * lines);
    assert.ok(joined(ink, () => [0, 1, 2, 3, 4].forEach((n) => frame(ink.default, n))) >= 5 * (lines + 4));
  });

  test('joins only the screen lines whose cells changed since the frame before', () => {
    const frame = (Output: OutputClass, rows: string[]) => {
      const output = new Output({ width: 30, height: rows.length + 2 });
      output.write(0, 0, bold('── header ──'), { transformers: [] });
      rows.forEach((row, y) => output.write(1, y + 1, row, { transformers: [] }));
      output.write(0, rows.length + 1, '12 of 40 · by name', { transformers: [] });
      return output.get().output;
    };
    // (A wide character's second cell is made anew in every frame: its line is always joined.)
    const before = ['orders-api-key', red('payments-db-password'), 'catalog-config'];
    const after = ['orders-api-key', inverse('payments-db-password'), 'catalog-config'];
    const joins = (draw: () => string) => {
      const count = patched.joins.count;
      const out = draw();
      return { joined: patched.joins.count - count, out };
    };
    frame(patched.default, ['something else']);
    assert.equal(joins(() => frame(patched.default, before)).joined, 4, 'after another frame: all 5 lines but the header they share');
    const same = joins(() => frame(patched.default, before));
    assert.equal(same.joined, 0, 'the same frame again: none');
    assert.deepEqual(shown(same.out), shown(frame(ink.default, before)));
    const changed = joins(() => frame(patched.default, after));
    assert.equal(changed.joined, 1, 'one row restyled: that line');
    assert.deepEqual(shown(changed.out), shown(frame(ink.default, after)));
  });

  test('keeps only the text of the frame before: a row that left the screen is read again when it comes back', () => {
    const draw = (text: string) => {
      const output = new patched.default({ width: 30, height: 1 });
      output.write(0, 0, text, { transformers: [] });
      return output.get().output;
    };
    const before = patched.reads.get('leaves-and-comes-back') ?? 0;
    draw('leaves-and-comes-back');
    draw('leaves-and-comes-back');
    draw('another row');
    draw('leaves-and-comes-back');
    assert.equal((patched.reads.get('leaves-and-comes-back') ?? 0) - before, 2);
  });

  test('composes 2,000 random frames, one after another, showing exactly what Ink shows (the carried caches never show a frame what the one before drew)', () => {
    const prng = new Prng('ink-output-patch');
    let differing = 0;
    let first = '';
    for (let frame = 0; frame < 2000; frame++) {
      const width = 8 + below(prng, 40);
      const height = 1 + below(prng, 8);
      const ops = randomFrame(prng, width, height, transformers);
      const expected = compose(ink.default, width, height, ops);
      const actual = compose(patched.default, width, height, ops);
      if (JSON.stringify(shown(actual)) !== JSON.stringify(shown(expected))) {
        differing++;
        first ||= `frame ${frame}: ${JSON.stringify(ops)}\nInk:     ${JSON.stringify(expected)}\npatched: ${JSON.stringify(actual)}`;
      }
    }
    assert.equal(differing, 0, first);
  });
});
