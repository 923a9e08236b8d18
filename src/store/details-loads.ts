// Details of one item (or one version of it) into the snapshot, with the item's versions
// listed page by page alongside. Apart from create-store.ts, like collection-loads.ts, so the
// store only wires the pieces together.
import { loadPages } from './collection-loader.js';
import { detailsKey } from './details-key.js';
import { fetchItemDetails } from './item-details.js';
import { newestFirst } from './item-summary.js';
import type { updateCollection } from './snapshot-updates.js';
import { emptyCollection, updateDetails } from './snapshot-updates.js';
import type { ClassifiedError, ItemSummary, StoreSnapshot } from './types.js';
import type { VaultSession } from './vault-session.js';

export interface DetailsLoadsOptions {
  maxPageSize: number;
  classify(error: unknown): ClassifiedError;
  sessionFor(vault: string): VaultSession;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
}

export interface DetailsLoads {
  load(item: ItemSummary, options?: { version?: string; refresh?: boolean }): void;
  /** Aborts every details load still running. */
  stopAll(): void;
}


export function createDetailsLoads(options: DetailsLoadsOptions): DetailsLoads {
  const { maxPageSize, classify, sessionFor, getSnapshot, set, isDisposed } = options;
  const detailLoads = new Map<string, AbortController>();

  function loadDetailsVersions(session: VaultSession, item: ItemSummary, key: string, signal: AbortSignal): void {
    const pages = session.versionPages(item.kind, item.name, { maxPageSize, abortSignal: signal });
    const setVersions = (change: Parameters<typeof updateCollection>[4]) =>
      set(updateDetails(getSnapshot(), key, (d) => ({ ...(d ?? { status: 'loading', versions: emptyCollection() }), versions: { ...change(d?.versions ?? emptyCollection()), revision: (d?.versions.revision ?? 0) + 1 } })));
    setVersions((c) => ({ ...c, status: 'loading' }));
    loadPages(pages, signal, (page) => {
      setVersions((c) => ({
        status: 'partial',
        items: [...c.items, ...page.items].sort(newestFirst),
        pagesLoaded: c.pagesLoaded + 1,
        revision: c.revision,
      }));
    }).then(
      (end) => {
        if (end === 'complete' && !signal.aborted) setVersions((c) => (c.status === 'complete' ? c : { ...c, status: 'complete' }));
      },
      (error: unknown) => {
        if (!signal.aborted) setVersions((c) => ({ ...c, status: 'error', error: classify(error) }));
      },
    );
  }

  return {
    load(item, detailOptions = {}) {
      if (isDisposed()) return;
      const key = detailsKey(item, detailOptions.version);
      const current = getSnapshot().details[key];
      const deleted = item.deletedOn !== undefined;
      const sameView = current?.item ? (current.item.deletedOn !== undefined) === deleted : false;
      if (!detailOptions.refresh && current && sameView && current.status !== 'error' && current.status !== 'idle') return;
      detailLoads.get(key)?.abort();
      const controller = new AbortController();
      detailLoads.set(key, controller);
      const session = sessionFor(item.vaultUrl);
      set(updateDetails(getSnapshot(), key, () => ({ status: 'loading', item: { ...item }, versions: emptyCollection() })));
      // Versions of the current item only: a deleted item or one chosen version has none to list.
      if (!deleted && !detailOptions.version) loadDetailsVersions(session, item, key, controller.signal);
      fetchItemDetails(session, item, { version: detailOptions.version, abortSignal: controller.signal }).then(
        (details) => {
          if (controller.signal.aborted) return;
          set(updateDetails(getSnapshot(), key, (d) => ({ ...(d ?? { versions: emptyCollection() }), status: 'complete', item: details, error: undefined })));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          set(updateDetails(getSnapshot(), key, (d) => ({ ...(d ?? { versions: emptyCollection() }), status: 'error', error: classify(error) })));
        },
      );
    },
    stopAll() {
      for (const controller of detailLoads.values()) controller.abort();
      detailLoads.clear();
    },
  };
}

export { detailsKey };
