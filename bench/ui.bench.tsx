// UI costs on a 10,000-item collection, each against a baseline measured in the same run:
// the fuzzy filter against a plain substring filter over the same names, and rendering the
// windowed list against rendering every row (what a list without windowing would do).
import { renderToString } from 'ink';
import type { ItemSummary } from '../src/store/types.js';
import { fuzzyFilter } from '../src/ui/fuzzy-filter.js';
import { ItemList } from '../src/ui/item-list.js';
import { darkTheme } from '../src/ui/theme.js';

const NOW = Date.UTC(2025, 5, 2);
const SERVICES = ['orders-api', 'catalog', 'checkout', 'identity', 'payments', 'search', 'ledger', 'shipping'];
const KINDS = ['db-password', 'api-key', 'client-secret', 'connection-string', 'jwt-signing-key', 'webhook-secret'];

function items(count: number): ItemSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'secrets' as const,
    id: `https://bench.vault.azure.net/secrets/s${i}`,
    name: `${SERVICES[i % SERVICES.length]}-${KINDS[(i * 7) % KINDS.length]}-${String(i).padStart(5, '0')}`,
    vaultUrl: 'https://bench.vault.azure.net',
    enabled: i % 13 !== 0,
    updatedOn: new Date(NOW - (i % 400) * 86_400_000),
    expiresOn: i % 3 === 0 ? new Date(NOW + ((i % 90) - 20) * 86_400_000) : undefined,
    contentType: i % 2 ? 'password' : 'text/plain',
    tags: {},
  }));
}

function timeMs(fn: () => void, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function uiBench(): { name: string; baselineMs: number; valueMs: number; ratio: number }[] {
  const list = items(10_000);
  const names = list.map((i) => i.name);
  const results = [];
  for (const query of ['paydbpw', 'checkout-jwt']) {
    const baselineMs = timeMs(() => names.filter((n) => n.includes(query)), 21);
    const valueMs = timeMs(() => fuzzyFilter(names, query, (n) => n), 21);
    results.push({ name: `fuzzy filter "${query}" over 10,000 names (baseline: substring filter)`, baselineMs, valueMs, ratio: valueMs / baselineMs });
  }
  const rows = list.map((item) => ({ item, indices: [] as number[] }));
  const render = (height: number) => () =>
    renderToString(
      <ItemList rows={rows} cursor={5_000} kind="secrets" deleted={false} width={100} height={height} focused now={NOW} theme={darkTheme} />,
      { columns: 100 },
    );
  const all = timeMs(render(10_000), 3);
  const windowed = timeMs(render(20), 21);
  results.push({ name: 'render a 10,000-item list, 20 rows in view (baseline: every row rendered)', baselineMs: all, valueMs: windowed, ratio: windowed / all });
  return results;
}
