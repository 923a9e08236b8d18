// Loading a 10,000-secret vault through the store over HTTPS against the emulator, against a
// baseline measured in the same run: the bare SDK client paging through the same list
// (400 pages of 25, the service's maximum page size). The ratio is what the store adds
// (snapshots, summaries, structural sharing) on top of the wire. Secrets are added through
// the emulator's library API, not HTTP.
// Alone: node --import tsx bench/store-load.bench.ts [count]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretClient } from '@azure/keyvault-secrets';
import { LocalIdentityCredential } from '../src/auth/local-identity-credential.js';
import { startEmulator } from '../src/emulator/index.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';
import { createStore } from '../src/store/create-store.js';

const tlsCacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.kvx-test/emulator-tls');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function storeLoadBench(count = 10_000, runs = 3): Promise<{ name: string; baselineMs: number; valueMs: number; ratio: number }[]> {
  const emulator = await startEmulator({ vaults: ['bench-vault'], tlsCacheDir });
  try {
    const secrets = emulator.vault('bench-vault').store(SECRETS);
    for (let i = 0; i < count; i++) secrets.create(`secret-${String(i).padStart(6, '0')}`, { payload: { value: `v${i}` } });
    const vaults = emulator.vaults.map((v) => ({ ...v, local: true }));
    const credential = new LocalIdentityCredential({ endpoint: emulator.identity.identityEndpoint, identityHeader: emulator.identity.identityHeader });

    const sdkOnce = async () => {
      const client = new SecretClient(vaults[0].url, credential, { tlsOptions: { ca: emulator.caPem }, disableChallengeResourceVerification: true });
      const started = performance.now();
      let first = -1;
      let n = 0;
      for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
        n += page.length;
        if (first < 0) first = performance.now() - started;
      }
      if (n !== count) throw new Error(`SDK listed ${n} of ${count}`);
      return { first, complete: performance.now() - started };
    };
    const storeOnce = async () => {
      const store = createStore({ vaults, credential, ca: emulator.caPem });
      const started = performance.now();
      let first = -1;
      const complete = await new Promise<number>((resolve, reject) => {
        store.subscribe(() => {
          const c = store.getSnapshot().vaults[0].collections.secrets;
          if (first < 0 && c.items.length > 0) first = performance.now() - started;
          if (c.status === 'complete') resolve(performance.now() - started);
          if (c.status === 'error') reject(new Error(c.error?.message));
        });
        store.loadCollection(store.getSnapshot().vaults[0].url, 'secrets');
      });
      const items = store.getSnapshot().vaults[0].collections.secrets.items.length;
      await store.dispose();
      if (items !== count) throw new Error(`store listed ${items} of ${count}`);
      return { first, complete };
    };

    const sdk: { first: number; complete: number }[] = [];
    const ours: { first: number; complete: number }[] = [];
    await sdkOnce(); // warm: TLS session, token, JIT
    for (let i = 0; i < runs; i++) {
      sdk.push(await sdkOnce());
      ours.push(await storeOnce());
    }
    const row = (name: string, pick: (r: { first: number; complete: number }) => number) => {
      const b = median(sdk.map(pick));
      const v = median(ours.map(pick));
      return { name, baselineMs: b, valueMs: v, ratio: v / b };
    };
    return [
      row(`store: first page of a ${count.toLocaleString('en')}-secret vault in the snapshot (baseline: SDK's first page)`, (r) => r.first),
      row(`store: the whole ${count.toLocaleString('en')}-secret list loaded (baseline: SDK paging through it)`, (r) => r.complete),
    ];
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await storeLoadBench(Number(process.argv[2] ?? 10_000))) {
    console.log(`${r.name}\n  ${r.valueMs.toFixed(0)} ms (baseline ${r.baselineMs.toFixed(0)} ms) → ratio ${r.ratio.toFixed(2)}×`);
  }
}
