// Every version of each item, for the expiry radar's old versions (`:expiring DAYS versions`):
// one list per item, a few at a time, once each.
import { createItemLookups } from './item-lookups.js';
import type { LookupDeps } from './renewal-loads.js';
import type { ItemSummary } from './types.js';

/** 100 pages of 25: far more versions than an item keeps in practice. */
const MAX_VERSION_PAGES = 100;

export function createVersionLoads(deps: LookupDeps & { maxPageSize: number }) {
  return createItemLookups<{ versions: readonly ItemSummary[] }>({
    ...deps,
    async fetch(item, signal) {
      const versions: ItemSummary[] = [];
      let pages = 0;
      for await (const page of deps.sessionFor(item.vaultUrl).versionPages(item.kind, item.name, { maxPageSize: deps.maxPageSize, abortSignal: signal })) {
        versions.push(...page.items);
        // A server whose nextLink never ends must not hold the radar (or a request slot) forever.
        if (++pages >= MAX_VERSION_PAGES) throw new Error(`more than ${MAX_VERSION_PAGES} pages of versions of ${item.name}`);
      }
      return { versions };
    },
    read: (s) => s.versionLists,
    write: (s, versionLists) => ({ ...s, versionLists }),
  });
}
