// Page loads of one collection (a vault's secrets, keys or certificates, live or deleted) into
// the snapshot: fresh loads, continuing a cancelled or throttled one, and retrying after
// Retry-After; and rows kvx made, changed or deleted itself, put in or taken out at once.
// Apart from create-store.ts so the store's actions only decide when to load.
import { loadPages } from './collection-loader.js';
import { CreatedItems, placeItem } from './created-items.js';
import type { View } from './snapshot-updates.js';
import { findVault, updateCollection } from './snapshot-updates.js';
import { itemId } from './item-summary.js';
import type { ClassifiedError, CollectionKind, CollectionState, ItemSummary, StoreSnapshot } from './types.js';
import type { VaultSession } from './vault-session.js';

export interface CollectionLoadsOptions {
  maxPageSize: number;
  /** How many times a throttled load retries by itself after Retry-After. */
  throttleRetries: number;
  classify(error: unknown): ClassifiedError;
  /** Adds what is already known about the items (key types, issuers) as pages arrive. */
  withEnrichment(items: ItemSummary[]): ItemSummary[];
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
  /** The store's clock, for `loadedAt`. */
  now?: () => number;
  /**
   * Pages arriving within this many ms of the last shown one are shown together: a growing
   * list changes the snapshot (and so renders) at most ~10 times a second. The first page of
   * a load and its end are shown at once. Default 100.
   */
  coalesceMs?: number;
}

export interface CollectionLoads {
  isRunning(key: string): boolean;
  run(session: VaultSession, view: View, kind: CollectionKind, mode: 'fresh' | 'merge'): void;
  /**
   * Puts an item kvx just made or changed (from the service's answer) into its live list at
   * once, in name order; pages that list it later, or a reload, do not show it twice
   * (created-items.ts). A list never loaded gets it with its first page.
   */
  listItem(item: ItemSummary): void;
  /** Takes a deleted item out of its loaded live list at once. */
  unlistItem(vaultUrl: string, kind: CollectionKind, name: string): void;
  /** Stops a running load or its pending retry; false when none was running. */
  stop(key: string): boolean;
  stopAll(): void;
}

/** The key of one running load: a vault's collection in one view. */
export const loadKey = (url: string, view: View, kind: CollectionKind): string => `${url}|${view}|${kind}`;

interface Load {
  controller: AbortController;
  retryTimer?: ReturnType<typeof setTimeout>;
  throttleRetries: number;
  /** Puts pages received but not yet shown into the snapshot. */
  flush(): void;
}

export function createCollectionLoads(options: CollectionLoadsOptions): CollectionLoads {
  const { maxPageSize, throttleRetries, classify, withEnrichment, getSnapshot, set, isDisposed } = options;
  const coalesceMs = options.coalesceMs ?? 100;
  const loads = new Map<string, Load>();
  const created = new CreatedItems();

  function stopLoad(key: string): Load | undefined {
    const load = loads.get(key);
    if (!load) return undefined;
    // Pages already received stay shown (a cancelled load keeps what it got).
    load.flush();
    load.controller.abort();
    if (load.retryTimer) clearTimeout(load.retryTimer);
    loads.delete(key);
    return load;
  }

  /**
   * `fresh`: the first page replaces what is shown (a refresh keeps old items until then).
   * `merge`: continue a cancelled or throttled load; pages come again from the start and only
   * items not yet shown are added, so nothing flickers away.
   */
  function runLoad(session: VaultSession, view: View, kind: CollectionKind, mode: 'fresh' | 'merge', throttleCount: number): void {
    const url = session.info.url;
    const key = loadKey(url, view, kind);
    const startedAt = created.tick();
    let first = true;
    // Pages received since the list was last shown, and the timer that shows them.
    let pending: ItemSummary[] = [];
    let pendingPages = 0;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const apply = (c: CollectionState): CollectionState => {
      const replace = mode === 'fresh' && first;
      const added = pending;
      const pages = pendingPages;
      pending = [];
      pendingPages = 0;
      if (pages === 0) return c;
      first = false;
      let items: readonly ItemSummary[];
      if (replace) items = created.firstPage(key, added);
      else if (mode === 'merge') {
        created.seen(key, added);
        const known = new Set(c.items.map((i) => i.id));
        const fresh = added.filter((i) => !known.has(i.id));
        items = fresh.length > 0 ? c.items.concat(fresh) : c.items;
      } else items = created.nextPage(key, c.items, added);
      return { status: 'partial', items, pagesLoaded: (replace ? 0 : c.pagesLoaded) + pages, revision: c.revision };
    };
    const flush = () => {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (pendingPages > 0) set(updateCollection(getSnapshot(), url, view, kind, apply));
    };
    const load: Load = { controller: new AbortController(), throttleRetries: throttleCount, flush };
    loads.set(key, load);
    const signal = load.controller.signal;
    const pages = session.pages(kind, { deleted: view === 'deleted', maxPageSize, abortSignal: signal });
    loadPages(pages, signal, (loaded) => {
      pending.push(...withEnrichment(loaded.items));
      pendingPages++;
      if (first) flush();
      else if (!flushTimer) {
        flushTimer = setTimeout(flush, coalesceMs);
        flushTimer.unref?.();
      }
    }).then(
      (end) => {
        if (end === 'aborted' || loads.get(key) !== load) return;
        loads.delete(key);
        clearTimeout(flushTimer);
        set(
          updateCollection(getSnapshot(), url, view, kind, (current) => {
            const c = apply(current);
            return {
              status: 'complete',
              // A fresh load that got no page at all (an iterator that ends at once) shows nothing
              // but what was made meanwhile.
              items: created.complete(key, startedAt, mode === 'fresh' && first ? created.firstPage(key, []) : c.items),
              pagesLoaded: c.pagesLoaded,
              revision: c.revision,
              loadedAt: (options.now ?? Date.now)(),
            };
          }),
        );
      },
      (error: unknown) => {
        if (signal.aborted || loads.get(key) !== load) return;
        flush();
        const classified = classify(error);
        const retrying = classified.class === 'throttled' && load.throttleRetries < throttleRetries;
        // Retries spent: nothing will retry by itself any more, so the error must not say so.
        const shown: ClassifiedError =
          classified.class === 'throttled' && !retrying
            ? {
                ...classified,
                retryAfterMs: undefined,
                message: `throttled: the vault kept answering 429; kvx stopped retrying${throttleRetries > 0 ? ` after ${throttleRetries} ${throttleRetries === 1 ? 'retry' : 'retries'}` : ''}`,
              }
            : classified;
        set(updateCollection(getSnapshot(), url, view, kind, (c) => ({ ...c, status: 'error', error: shown })));
        if (retrying) {
          // Keep the load registered so cancel and refresh still find (and stop) the retry.
          load.retryTimer = setTimeout(() => {
            if (loads.get(key) !== load || isDisposed()) return;
            runLoad(session, view, kind, mode === 'fresh' && first ? 'fresh' : 'merge', load.throttleRetries + 1);
          }, classified.retryAfterMs ?? 1000);
          load.retryTimer.unref?.();
        } else {
          loads.delete(key);
        }
      },
    );
  }

  return {
    isRunning: (key) => loads.has(key),
    listItem(item) {
      const vault = findVault(getSnapshot(), item.vaultUrl);
      if (isDisposed() || !vault || vault.collections[item.kind].status === 'idle') return;
      created.add(loadKey(vault.url, 'collections', item.kind), item);
      set(updateCollection(getSnapshot(), vault.url, 'collections', item.kind, (c) => ({ ...c, items: placeItem(c.items, item) })));
    },
    unlistItem(vaultUrl, kind, name) {
      const vault = findVault(getSnapshot(), vaultUrl);
      if (isDisposed() || !vault) return;
      const wanted = itemId(vault.url, kind, name).toLowerCase();
      created.forget(loadKey(vault.url, 'collections', kind), wanted);
      set(
        updateCollection(getSnapshot(), vault.url, 'collections', kind, (c) => {
          const at = c.items.findIndex((i) => i.id.toLowerCase() === wanted);
          return at < 0 ? c : { ...c, items: [...c.items.slice(0, at), ...c.items.slice(at + 1)] };
        }),
      );
    },
    run: (session, view, kind, mode) => runLoad(session, view, kind, mode, 0),
    stop: (key) => stopLoad(key) !== undefined,
    stopAll() {
      for (const key of [...loads.keys()]) stopLoad(key);
    },
  };
}
