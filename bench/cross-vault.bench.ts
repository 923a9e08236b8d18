// :find at scale: N vaults of M secrets each behind the emulator with 20 ms latency. The store's
// scan (the explorer's own collections, 8 lists at once, 2 per vault) against a baseline made
// in the same run: the bare SDK clients listing every vault's three collections with the same
// concurrency. Also the first match against one vault's first page. Not RSS: this process also
// holds the emulator's 100,000 secrets and the SDK baseline's garbage, so its RSS (~800 MiB) says
// nothing about kvx's; cross-vault-terminal.bench.ts measures kvx's own against the 400 MiB budget.
// Alone: node --import tsx bench/cross-vault.bench.ts [vaults] [secretsPerVault]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretClient } from '@azure/keyvault-secrets';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { LocalIdentityCredential } from '../src/auth/local-identity-credential.js';
import { startEmulator } from '../src/emulator/index.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';
import { createStore } from '../src/store/create-store.js';
import { parseFindQuery } from '../src/store/find-query.js';
import { findView } from '../src/ui/cross-vault-rows.js';
import { OVERALL, PER_VAULT, listEveryVault } from './support/scan-pool.js';

const tlsCacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.kvx-test/emulator-tls');
interface Row {
  name: string;
  baselineMs: number;
  valueMs: number;
  ratio: number;
}

export async function crossVaultBench(vaultCount = 200, perVault = 500, runs = 3): Promise<Row[]> {
  const names = Array.from({ length: vaultCount }, (_, i) => `scan-${String(i).padStart(3, '0')}`);
  const emulator = await startEmulator({ vaults: names, tlsCacheDir, faults: { latencyMs: 20 } });
  try {
    for (const v of names) {
      const secrets = emulator.vault(v).store(SECRETS);
      for (let i = 0; i < perVault; i++) secrets.create(`${v}-secret-${String(i).padStart(4, '0')}`, { payload: { value: `v${i}` } });
    }
    const vaults = emulator.vaults.map((v) => ({ name: v.name, url: v.url, local: true }));
    const local = new LocalIdentityCredential({ endpoint: emulator.identity.identityEndpoint, identityHeader: emulator.identity.identityHeader });
    // Tokens cached like DefaultAzureCredential's, so neither side pays the identity endpoint per client.
    let cached: Promise<AccessToken | null> | undefined;
    const credential: TokenCredential = { getToken: (scopes, opts) => (cached ??= local.getToken(scopes, opts)) };
    const options = { tlsOptions: { ca: emulator.caPem }, disableChallengeResourceVerification: true };

    // Baseline 1: one vault's first page through a new SDK client, as kvx meets a vault it has
    // not opened yet (the challenge, then the page); the token is already in hand.
    await credential.getToken('https://vault.azure.net/.default');
    const firstStarted = performance.now();
    const one = new SecretClient(vaults[1].url, credential, options);
    for await (const page of one.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
      void page;
      break;
    }
    const firstPageMs = performance.now() - firstStarted;

    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

    // Baseline 2: the bare SDK listing every vault, same concurrency.
    const sdkOnce = async () => {
      const started = performance.now();
      const listed = await listEveryVault(vaults.map((v) => v.url), credential, options);
      if (listed !== vaultCount * perVault) throw new Error(`SDK listed ${listed}`);
      return performance.now() - started;
    };

    // kvx: the store's scan, with :find's view computed on every snapshot as the UI would.
    const query = parseFindQuery('secret-0000');
    if (!query.ok) throw new Error(query.message);
    const storeOnce = async () => {
      const store = createStore({ vaults, credential, ca: emulator.caPem, scanConcurrency: { overall: OVERALL, perVault: PER_VAULT } });
      const started = performance.now();
      let firstMatch = -1;
      const done = new Promise<number>((resolve) => {
        store.subscribe(() => {
          const s = store.getSnapshot();
          if (firstMatch < 0 && findView(s.vaults, query.query).items.length > 0) firstMatch = performance.now() - started;
          if (s.vaults.every((v) => v.collections.secrets.status === 'complete' && v.collections.keys.status === 'complete' && v.collections.certificates.status === 'complete')) {
            resolve(performance.now() - started);
          }
        });
      });
      store.scanVaults();
      const scanMs = await done;
      const found = findView(store.getSnapshot().vaults, query.query).items.length;
      await store.dispose();
      if (found !== vaultCount) throw new Error(`find matched ${found}, expected ${vaultCount}`);
      return { scanMs, firstMatch };
    };

    const sdkRuns: number[] = [];
    const storeRuns: { scanMs: number; firstMatch: number }[] = [];
    for (let i = 0; i < runs; i++) {
      sdkRuns.push(await sdkOnce());
      storeRuns.push(await storeOnce());
    }
    const sdkMs = median(sdkRuns);
    const scanMs = median(storeRuns.map((r) => r.scanMs));
    const firstMatch = median(storeRuns.map((r) => r.firstMatch));
    return [
      { name: `:find over ${vaultCount} vaults × ${perVault} secrets at 20 ms: whole search (baseline: bare SDK listing all, same concurrency)`, baselineMs: sdkMs, valueMs: scanMs, ratio: scanMs / sdkMs },
      { name: ':find: first match on screen (baseline: one vault\'s first page through the SDK, + 100 ms allowed)', baselineMs: firstPageMs, valueMs: firstMatch, ratio: firstMatch / firstPageMs },
    ];
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await crossVaultBench(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 500))) {
    console.log(`${r.name}\n  ${r.valueMs.toFixed(0)} (baseline ${r.baselineMs.toFixed(0)}) → ratio ${r.ratio.toFixed(2)}×`);
  }
}
