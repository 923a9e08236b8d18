// `npm run bench`: every benchmark reports a value and a baseline measured in the same run,
// and their ratio, so results compare across machines. Prints one Markdown table.
// BENCH_ONLY=terminal,cold-start picks some; BENCH_SIZES=20,10000 picks the terminal sizes.
import { coldStartBench } from './cold-start.bench.js';
import { emulatorListBench } from './emulator-list.bench.js';
import { storeLoadBench } from './store-load.bench.js';
import type { BenchRow } from './support/bench-row.js';
import { fromMs, printRows } from './support/bench-row.js';
import { terminalBench } from './terminal.bench.js';
import { uiBench } from './ui.bench.js';

const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const rows: BenchRow[] = [];
if (wanted('terminal')) rows.push(...(await terminalBench({ sizes: process.env.BENCH_SIZES?.split(',').map(Number) })));
if (wanted('cold-start')) rows.push(...(await coldStartBench()).map(fromMs));
if (wanted('ui')) rows.push(...uiBench().map(fromMs));
if (wanted('store')) rows.push(...(await storeLoadBench()).map(fromMs));
if (wanted('emulator')) rows.push(...(await emulatorListBench()).map(fromMs));
printRows(rows);
