// `npm run bench`: every benchmark reports a value and a baseline measured in the same run,
// and their ratio, so results compare across machines. Prints one Markdown table.
// BENCH_ONLY=terminal,cold-start picks some (first-rows-breakdown: where the time to the first rows goes); BENCH_SIZES=20,10000 picks the terminal sizes.
import { coldStartBench } from './cold-start.bench.js';
import { crossVaultTerminalBench } from './cross-vault-terminal.bench.js';
import { crossVaultBench } from './cross-vault.bench.js';
import { emulatorListBench } from './emulator-list.bench.js';
import { firstRowsBreakdown } from './first-rows-breakdown.js';
import { storeLoadBench } from './store-load.bench.js';
import type { BenchRow } from './support/bench-row.js';
import { fromMs, printRows } from './support/bench-row.js';
import { terminalBench } from './terminal.bench.js';
import { uiBench } from './ui.bench.js';

const only = process.env.BENCH_ONLY?.split(',');
const sections: [string, () => Promise<BenchRow[]>][] = [
  ['terminal', () => terminalBench({ sizes: process.env.BENCH_SIZES?.split(',').map(Number) })],
  ['first-rows-breakdown', () => firstRowsBreakdown()],
  ['cold-start', async () => (await coldStartBench()).map(fromMs)],
  ['ui', async () => uiBench().map(fromMs)],
  ['store', async () => (await storeLoadBench()).map(fromMs)],
  ['emulator', async () => (await emulatorListBench()).map(fromMs)],
  ['cross-vault', async () => (await crossVaultBench()).map(fromMs)],
  ['cross-vault-terminal', () => crossVaultTerminalBench()],
];
const rows: BenchRow[] = [];
let failed = false;
for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  try {
    const got = await run();
    rows.push(...got);
    // As each part ends, so a long run shows progress (stderr keeps stdout one table).
    printRows(got, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    failed = true;
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
printRows(rows);
if (failed) process.exitCode = 1;
