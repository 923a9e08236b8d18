// Where the time to the first rows goes: kvx on a 5,000-secret vault at 20 ms per request, in a
// real pseudo-terminal, with bench/fixtures/first-rows-trace.mjs preloaded to note (from the
// outside) when each step happened. Medians over the rounds, in ms after spawn; the tracing
// itself costs a little, so compare these with each other, not with terminal.bench.ts.
// Alone: node --import tsx bench/first-rows-breakdown.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';
import type { BenchRow } from './support/bench-row.js';
import { median, startPty } from './support/pty.js';
import { warmCodeCache } from './support/warm-code-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const preload = path.join(root, 'bench', 'fixtures', 'first-rows-trace.mjs');

export async function firstRowsBreakdown(options: { count?: number; rounds?: number } = {}): Promise<BenchRow[]> {
  const count = options.count ?? 5_000;
  const rounds = options.rounds ?? 7;
  const emulator = await startEmulator({ vaults: ['breakdown'], tlsCacheDir: path.join(root, '.kvx-test', 'emulator-tls') });
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-breakdown-'));
  try {
    const caFile = path.join(home, 'ca.pem');
    writeFileSync(caFile, emulator.caPem);
    const secrets = emulator.vault('breakdown').store(SECRETS);
    for (let i = 0; i < count; i++) secrets.create(`breakdown-secret-${String(i).padStart(5, '0')}`, { payload: { value: 'v' } });
    // The starts measured are later ones, with the code cache the first session left.
    const command = `exec ${JSON.stringify(process.execPath)} bin/kvx.js --ca-file ${JSON.stringify(caFile)} ${emulator.vaults[0].url}`;
    const env = (traceFile: string) => ({ ...emulator.identity.appServiceEnv, XDG_CONFIG_HOME: home, NO_COLOR: '', NODE_OPTIONS: `--import ${preload}`, KVX_TRACE_FILE: traceFile });
    writeFileSync(path.join(home, 'warm-up'), '');
    await warmCodeCache(command, { cwd: root, env: env(path.join(home, 'warm-up')), cacheHome: path.join(home, 'cache'), rows: (o) => /-\d{5}/.test(o) });
    emulator.faults.update({ latencyMs: 20 });
    const events = new Map<string, number[]>();
    for (let round = 0; round < rounds; round++) {
      const file = path.join(home, `trace-${round}`);
      writeFileSync(file, '');
      const spawnedAt = performance.timeOrigin + performance.now();
      const kvx = startPty(command, { cwd: root, env: { ...env(file), XDG_CACHE_HOME: path.join(home, 'cache') } });
      await kvx.waitFor((o) => /-\d{5}/.test(o));
      await kvx.close();
      for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
        const at = line.indexOf(' ');
        const event = line.slice(at + 1);
        events.set(event, [...(events.get(event) ?? []), Number(line.slice(0, at)) - spawnedAt]);
      }
    }
    return [...events]
      .map(([event, times]) => ({ event, ms: median(times) }))
      .sort((a, b) => a.ms - b.ms)
      .map(({ event, ms }) => ({ name: `first rows breakdown: ${event} (after spawn)`, value: ms, baseline: Number.NaN, unit: 'ms' as const }));
  } finally {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./support/bench-row.js');
  printRows(await firstRowsBreakdown());
}
