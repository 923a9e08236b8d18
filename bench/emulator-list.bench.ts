// The emulator's list pages are O(page), not O(vault): the median time of one GET page
// (25 secrets, following nextLinks through the whole list over one keep-alive HTTPS
// connection) in a 50,000-secret vault against the same in a 500-secret vault, and the time
// per created secret at 50,000 against 500 (names inserted in random order, so the sorted
// index is exercised). Both ratios stay near 1 when lists and creates do not scan the vault.
// Alone: node --import tsx bench/emulator-list.bench.ts [large]
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { Prng } from '../src/emulator/prng.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';

const tlsCacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.kvx-test/emulator-tls');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function get(url: string, ca: string, agent: https.Agent): Promise<{ nextLink: string | null; count: number }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent, headers: { authorization: 'Bearer bench' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`GET ${url} → ${res.statusCode}`));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value: unknown[]; nextLink: string | null };
          resolve({ nextLink: body.nextLink, count: body.value.length });
        });
      })
      .on('error', reject);
  });
}

export async function emulatorListBench(large = 50_000, small = 500): Promise<{ name: string; baselineMs: number; valueMs: number; ratio: number }[]> {
  const emulator = await startEmulator({ vaults: ['small-vault', 'large-vault'], tlsCacheDir });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const fill = (vault: string, count: number) => {
      const names = Array.from({ length: count }, (_, i) => `secret-${String(i).padStart(6, '0')}`);
      const rng = new Prng(vault);
      for (let i = names.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [names[i], names[j]] = [names[j], names[i]];
      }
      const store = emulator.vault(vault).store(SECRETS);
      const started = performance.now();
      for (const name of names) store.create(name, { payload: { value: 'v' } });
      return (performance.now() - started) / count;
    };
    const perSmall = fill('small-vault', small);
    const perLarge = fill('large-vault', large);

    const pages = async (vaultUrl: string, expected: number) => {
      const times: number[] = [];
      let url: string | null = `${vaultUrl}/secrets?api-version=7.6&maxresults=25`;
      let seen = 0;
      while (url) {
        const started = performance.now();
        const page = await get(url, emulator.caPem, agent);
        times.push(performance.now() - started);
        seen += page.count;
        url = page.nextLink;
      }
      if (seen !== expected) throw new Error(`listed ${seen} of ${expected}`);
      return median(times);
    };
    await pages(emulator.vaults[0].url, small); // warm: TLS session, JIT
    const smallPage = median([await pages(emulator.vaults[0].url, small), await pages(emulator.vaults[0].url, small), await pages(emulator.vaults[0].url, small)]);
    const largePage = await pages(emulator.vaults[1].url, large);
    const n = (x: number) => x.toLocaleString('en');
    return [
      { name: `emulator: one list page of a ${n(large)}-secret vault (baseline: a ${n(small)}-secret vault)`, baselineMs: smallPage, valueMs: largePage, ratio: largePage / smallPage },
      { name: `emulator: creating one secret among ${n(large)} (baseline: among ${n(small)})`, baselineMs: perSmall, valueMs: perLarge, ratio: perLarge / perSmall },
    ];
  } finally {
    agent.destroy();
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await emulatorListBench(Number(process.argv[2] ?? 50_000))) {
    console.log(`${r.name}\n  ${r.valueMs.toFixed(3)} ms (baseline ${r.baselineMs.toFixed(3)} ms) → ratio ${r.ratio.toFixed(2)}×`);
  }
}
