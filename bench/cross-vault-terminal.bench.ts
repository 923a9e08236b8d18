// `:find` at scale as the user feels it: the built kvx in a pseudo-terminal (80×24) opened on N
// vaults of M secrets each, behind the in-process emulator at 20 ms per request. Baselines come
// from the same run: a bare-SDK process (bench/fixtures/sdk-list-vaults.mjs) timing one vault's
// first page, then listing every vault's three collections with kvx's scan concurrency; and for
// keys, the same kvx process answering the same keys once the search is over.
// - first match on screen, counted from Enter, from a vault kvx had not opened (the open one
//   answers from memory), against the SDK's first page + 100 ms (the allowance);
// - the whole search, until the header says "N of N vaults searched", against the SDK listing;
// - keypress → frame while the search runs: j and k move between the first two results, each
//   timed to the frame that shows the cursor on its row (progress frames arrive on their own);
// - RSS once the search is done, against the 400 MiB budget.
// Alone: node --import tsx bench/cross-vault-terminal.bench.ts [vaults] [secretsPerVault]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';
import type { BenchRow } from './support/bench-row.js';
import type { Pty } from './support/pty.js';
import { median, quantile, rssMiB, startPty } from './support/pty.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tlsCacheDir = path.join(root, '.kvx-test', 'emulator-tls');
const node = JSON.stringify(process.execPath);
const QUERY = 'secret-0000';
/** A match row from any vault but the first, which kvx opened (and so listed) at start. */
const FIRST_UNOPENED_MATCH = /secret +scan-(?!000)\d{3}-secret-0000/;
/** The cursor on the first or the second result (scan-000's and scan-001's match). */
const ON_FIRST = /› secret +scan-000-secret-0000/;
const ON_SECOND = /› secret +scan-001-secret-0000/;

export async function crossVaultTerminalBench(options: { vaults?: number; perVault?: number; runs?: number } = {}): Promise<BenchRow[]> {
  const vaultCount = options.vaults ?? 200;
  const perVault = options.perVault ?? 500;
  const runs = options.runs ?? 3;
  const names = Array.from({ length: vaultCount }, (_, i) => `scan-${String(i).padStart(3, '0')}`);
  const emulator = await startEmulator({ vaults: names, tlsCacheDir });
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-bench-find-'));
  const caFile = path.join(home, 'ca.pem');
  const urlsFile = path.join(home, 'urls.json');
  const urls = emulator.vaults.map((v) => v.url);
  writeFileSync(caFile, emulator.caPem);
  writeFileSync(urlsFile, JSON.stringify(urls));
  const done = `${vaultCount} of ${vaultCount} vaults searched`;
  const kvx = (): Pty =>
    startPty(`exec ${node} bin/kvx.js --ca-file ${JSON.stringify(caFile)} ${urls.join(' ')}`, {
      cwd: root,
      env: { ...emulator.identity.appServiceEnv, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), NO_COLOR: '' },
    });
  /** Waits for kvx's first vault's rows, then types `:find QUERY` (Enter is the caller's). */
  const typeFind = async (k: Pty) => {
    await k.waitFor('scan-000-secret-0000', 60_000);
    await k.settle(300);
    await k.press(`:find ${QUERY}`);
  };
  try {
    for (const v of names) {
      const secrets = emulator.vault(v).store(SECRETS);
      for (let i = 0; i < perVault; i++) secrets.create(`${v}-secret-${String(i).padStart(4, '0')}`, { payload: { value: 'v' } });
    }
    emulator.faults.update({ latencyMs: 20 });
    const sdkFirst: number[] = [];
    const sdkAll: number[] = [];
    const firstMatch: number[] = [];
    const whole: number[] = [];
    const rss: number[] = [];
    for (let r = 0; r < runs; r++) {
      const s = startPty(`exec ${node} bench/fixtures/sdk-list-vaults.mjs ${JSON.stringify(urlsFile)} ${JSON.stringify(caFile)}`, { cwd: root, env: emulator.identity.appServiceEnv });
      await s.waitFor('all-listed-ms', 600_000);
      const out = s.output();
      sdkFirst.push(Number(/first-page-ms ([\d.]+)/.exec(out)![1]));
      sdkAll.push(Number(/all-listed-ms ([\d.]+)/.exec(out)![1]));
      const listed = Number(/items (\d+)/.exec(out)![1]);
      if (listed !== vaultCount * perVault) throw new Error(`the SDK listed ${listed} items, expected ${vaultCount * perVault}`);
      await s.close();

      const k = kvx();
      await typeFind(k);
      const from = k.output().length;
      const sentAt = performance.now() - k.startedAt;
      const first = k.waitFor((o) => FIRST_UNOPENED_MATCH.test(o.slice(from)), 600_000);
      const all = k.waitFor((o) => o.includes(done, from), 600_000);
      k.press('\r').catch(() => undefined);
      firstMatch.push((await first) - sentAt);
      whole.push((await all) - sentAt);
      await k.settle(300);
      rss.push(rssMiB(k.pid()));
      await k.close();
    }

    // Keys while the search runs, then the same keys once it is over.
    const during: number[] = [];
    const after: number[] = [];
    const k = kvx();
    await typeFind(k);
    const from = k.output().length;
    await k.press('\r');
    await k.waitFor((o) => /secret +scan-001-secret-0000/.test(o.slice(from)), 60_000);
    const searching = () => !k.output().includes(done, from);
    // 50 ms between keys, as a person's (or key repeat's) pace: a key sent the instant the
    // last frame ended would only measure Ink's frame-rate limit.
    const pause = () => new Promise((r) => setTimeout(r, 50));
    while (searching()) {
      during.push(await k.pressUntil('j', ON_SECOND));
      await pause();
      during.push(await k.pressUntil('k', ON_FIRST));
      await pause();
    }
    await k.settle(300);
    while (after.length < Math.max(40, during.length)) {
      after.push(await k.pressUntil('j', ON_SECOND));
      await pause();
      after.push(await k.pressUntil('k', ON_FIRST));
      await pause();
    }
    await k.close();

    const label = `:find over ${vaultCount} vaults × ${perVault} secrets at 20 ms/request`;
    return [
      { name: `${label}: first match from an unopened vault, from Enter (baseline: SDK process's first page of an unopened vault + 100 ms)`, value: median(firstMatch), baseline: median(sdkFirst) + 100, unit: 'ms' },
      { name: `  the whole search, until "${done}" (baseline: bare SDK process listing all, 8 lists at once, 2 per vault)`, value: median(whole), baseline: median(sdkAll), unit: 'ms' },
      { name: `  keypress → frame p50 while searching, j/k between results, ${during.length} keys (baseline: the same keys after the search)`, value: median(during), baseline: median(after), unit: 'ms' },
      { name: '  keypress → frame p95 while searching (baseline: the same keys after the search)', value: quantile(during, 0.95), baseline: quantile(after, 0.95), unit: 'ms' },
      { name: '  RSS after the search, max of runs (baseline: the 400 MiB budget)', value: Math.max(...rss), baseline: 400, unit: 'MiB' },
    ];
  } finally {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./support/bench-row.js');
  printRows(await crossVaultTerminalBench({ vaults: Number(process.argv[2] ?? 200), perVault: Number(process.argv[3] ?? 500), runs: Number(process.argv[4] ?? 3) }));
}
