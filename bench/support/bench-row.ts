// One line of `npm run bench`: a value beside its baseline measured in the same run, so the
// ratio compares across machines. A NaN baseline marks a plain figure given for context.

export interface BenchRow {
  name: string;
  value: number;
  baseline: number;
  unit: 'ms' | 'MiB' | 'B';
}

/** The older benches' shape (milliseconds). */
export interface MsResult {
  name: string;
  baselineMs: number;
  valueMs: number;
}

export const fromMs = (r: MsResult): BenchRow => ({ name: r.name, value: r.valueMs, baseline: r.baselineMs, unit: 'ms' });

const num = (n: number, unit: string) => (Number.isNaN(n) ? '' : `${Math.abs(n) < 10 ? n.toFixed(2) : n.toFixed(0)} ${unit}`);

/** A Markdown table: what, value, baseline, ratio. */
export function printRows(rows: readonly BenchRow[], write: (line: string) => void = console.log): void {
  write('| what | value | baseline | ratio |');
  write('| --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const ratio = Number.isNaN(r.baseline) || r.baseline === 0 ? '' : `${(r.value / r.baseline).toPrecision(3)}×`;
    write(`| ${r.name} | ${num(r.value, r.unit)} | ${num(r.baseline, r.unit)} | ${ratio} |`);
  }
}
