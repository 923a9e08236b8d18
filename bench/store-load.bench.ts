// Loading a 10,000-secret vault through the store over HTTPS against the emulator: time to
// the first page in the snapshot, and to the complete list (400 pages of 25, the service's
// maximum page size). Secrets are added through the emulator's library API, not HTTP.
// Run: node --import tsx bench/store-load.bench.ts [count]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalIdentityCredential } from '../src/auth/local-identity-credential.js';
import { startEmulator } from '../src/emulator/index.js';
import { SECRETS } from '../src/emulator/secrets/secret-collection.js';
import { createStore } from '../src/store/create-store.js';

const count = Number(process.argv[2] ?? 10_000);
const tlsCacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.kvx-test/emulator-tls');
const emulator = await startEmulator({ vaults: ['bench-vault'], tlsCacheDir });
const secrets = emulator.vault('bench-vault').store(SECRETS);
for (let i = 0; i < count; i++) secrets.create(`secret-${String(i).padStart(6, '0')}`, { payload: { value: `v${i}` } });

async function once(): Promise<{ firstPageMs: number; completeMs: number; items: number; publishes: number }> {
  const store = createStore({
    vaults: emulator.vaults.map((v) => ({ ...v, local: true })),
    credential: new LocalIdentityCredential({ endpoint: emulator.identity.identityEndpoint, identityHeader: emulator.identity.identityHeader }),
    ca: emulator.caPem,
  });
  let publishes = 0;
  const started = performance.now();
  let firstPageMs = -1;
  const done = new Promise<number>((resolve) => {
    store.subscribe(() => {
      publishes++;
      const c = store.getSnapshot().vaults[0].collections.secrets;
      if (firstPageMs < 0 && c.items.length > 0) firstPageMs = performance.now() - started;
      if (c.status === 'complete' || c.status === 'error') resolve(performance.now() - started);
    });
  });
  store.loadCollection('bench-vault', 'secrets');
  const completeMs = await done;
  const items = store.getSnapshot().vaults[0].collections.secrets.items.length;
  await store.dispose();
  return { firstPageMs, completeMs, items, publishes };
}

const runs = [];
for (let i = 0; i < 3; i++) runs.push(await once());
await emulator.stop();
for (const [i, r] of runs.entries()) {
  console.log(`run ${i + 1}: ${r.items} secrets, first page ${r.firstPageMs.toFixed(0)} ms, complete ${r.completeMs.toFixed(0)} ms, ${r.publishes} snapshots`);
}
