// `npm run bench`: every benchmark reports a value and a baseline measured in the same run,
// and their ratio, so results compare across machines.
import { coldStartBench } from './cold-start.bench.js';
import { crossVaultBench } from './cross-vault.bench.js';
import { emulatorListBench } from './emulator-list.bench.js';
import { storeLoadBench } from './store-load.bench.js';
import { uiBench } from './ui.bench.js';

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

for (const r of [...uiBench(), ...(await storeLoadBench()), ...(await coldStartBench()), ...(await emulatorListBench()), ...(await crossVaultBench())]) {
  console.log(`${r.name}\n  ${fmt(r.valueMs)} ms (baseline ${fmt(r.baselineMs)} ms) → ratio ${r.ratio.toPrecision(3)}×`);
}
