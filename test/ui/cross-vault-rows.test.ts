import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindQuery } from '../../src/store/find-query.js';
import { matchScore, parseFindQuery } from '../../src/store/find-query.js';
import { newVaultState, updateCollection } from '../../src/store/snapshot-updates.js';
import type { CollectionKind, ItemSummary, StoreSnapshot, VaultState } from '../../src/store/types.js';
import { findView } from '../../src/ui/cross-vault-rows.js';

const KINDS: CollectionKind[] = ['keys', 'secrets', 'certificates'];
const WORDS = ['db', 'api', 'payments', 'orders', 'key', 'password', 'tls'];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function item(vaultUrl: string, kind: CollectionKind, name: string, tags: Record<string, string> = {}): ItemSummary {
  return { kind, id: `${vaultUrl}/${kind}/${name}`, name, vaultUrl, tags };
}

/** What :find must show, computed the plain way: every item of every vault matched afresh. */
function reference(vaults: readonly VaultState[], query: FindQuery): string[] {
  const order: Record<CollectionKind, number> = { secrets: 0, keys: 1, certificates: 2 };
  const out: string[] = [];
  for (const v of vaults) {
    const matched = KINDS.flatMap((k) => v.collections[k].items)
      .map((i) => ({ i, score: matchScore(i, query) }))
      .filter((m) => m.score >= 0)
      .sort((a, b) => b.score - a.score || order[a.i.kind] - order[b.i.kind] || a.i.name.localeCompare(b.i.name));
    out.push(...matched.map((m) => `${v.name}/${m.i.kind}/${m.i.name}`));
  }
  return out;
}

test('find results stay those of a fresh search while lists grow page by page, whatever the query', () => {
  const rand = prng(7);
  const name = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join('-') + `-${Math.floor(rand() * 1000)}`;
  let snapshot = { vaults: ['a', 'b', 'c'].map((n) => newVaultState({ name: n, url: `https://${n}.vault.azure.net`, local: false })) } as unknown as StoreSnapshot;
  const queries = ['db', 'api key', 'payments-', 'tag:team=sre', 'password tag:env', 'zzz'].map((q) => {
    const parsed = parseFindQuery(q);
    assert.ok(parsed.ok);
    return parsed.query;
  });
  for (let step = 0; step < 60; step++) {
    const vault = snapshot.vaults[Math.floor(rand() * snapshot.vaults.length)];
    const kind = KINDS[Math.floor(rand() * KINDS.length)];
    const page = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
      item(vault.url, kind, name(), rand() < 0.3 ? { team: rand() < 0.5 ? 'sre' : 'data', env: 'prod' } : {}),
    );
    snapshot = updateCollection(snapshot, vault.url, 'collections', kind, (c) => ({ ...c, status: 'partial', items: c.items.concat(page) }));
    for (const q of queries) {
      const got = findView(snapshot.vaults, q).items.map((m) => `${m.vault.name}/${m.item.kind}/${m.item.name}`);
      assert.deepEqual(got, reference(snapshot.vaults, q), `step ${step}, query ${JSON.stringify(q)}`);
    }
  }
});
