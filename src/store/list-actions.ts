// A vault's lists as store actions: start (or continue) loading one, stop it, and ask for the
// key types and issuers of the rows in view. create-store.ts wires the parts together.
import type { CollectionLoads } from './collection-loads.js';
import { loadKey } from './collection-loads.js';
import type { Enricher } from './enrich-items.js';
import { isEnrichable } from './enrich-items.js';
import type { View } from './snapshot-updates.js';
import { findVault, updateCollection, viewOf } from './snapshot-updates.js';
import type { CollectionKind, Store, StoreSnapshot } from './types.js';
import type { VaultSession } from './vault-session.js';

export interface ListActionDeps {
  isDisposed(): boolean;
  sessionFor(vaultUrl: string): VaultSession;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  loads: CollectionLoads;
  enricher: Enricher;
  /** Which list an enrichment answer belongs to, by load key. */
  enrichLists: Map<string, { url: string; view: View; kind: CollectionKind }>;
  /** The user opened this vault: remembered as recent. */
  rememberOpened(vaultUrl: string): void;
}

export function createListActions(deps: ListActionDeps): Pick<Store, 'loadCollection' | 'cancelLoad' | 'enrichItems'> {
  return {
    loadCollection(vault, kind, loadOptions = {}) {
      if (deps.isDisposed()) return;
      const session = deps.sessionFor(vault);
      const view = viewOf(loadOptions.deleted);
      const key = loadKey(session.info.url, view, kind);
      const state = findVault(deps.getSnapshot(), vault)![view][kind];
      if (!loadOptions.refresh) {
        if (deps.loads.isRunning(key) || state.status === 'complete') return;
        if (state.cancelled && state.pagesLoaded > 0) {
          deps.set(updateCollection(deps.getSnapshot(), session.info.url, view, kind, (c) => ({ ...c, status: 'partial', cancelled: false, error: undefined })));
          deps.loads.run(session, view, kind, 'merge');
          return;
        }
      }
      deps.loads.stop(key);
      // The user opened this vault (its first list load): remembered as recent.
      if (!loadOptions.refresh && !loadOptions.scan && state.pagesLoaded === 0) deps.rememberOpened(session.info.url);
      deps.set(updateCollection(deps.getSnapshot(), session.info.url, view, kind, (c) => ({ ...c, status: 'loading', cancelled: false, error: undefined })));
      deps.loads.run(session, view, kind, 'fresh');
    },

    cancelLoad(vault, kind, loadOptions = {}) {
      // A vault deleted through ARM may still be named by a pane that is leaving it.
      if (!findVault(deps.getSnapshot(), vault)) return;
      const session = deps.sessionFor(vault);
      const view = viewOf(loadOptions.deleted);
      deps.enricher.cancel(loadKey(session.info.url, view, kind));
      if (!deps.loads.stop(loadKey(session.info.url, view, kind))) return;
      deps.set(
        updateCollection(deps.getSnapshot(), session.info.url, view, kind, (c) =>
          c.status === 'complete' ? c : { ...c, status: c.pagesLoaded > 0 ? 'partial' : 'idle', cancelled: true },
        ),
      );
    },

    enrichItems(vault, kind, ids, enrichOptions = {}) {
      if (deps.isDisposed() || !isEnrichable(kind) || !findVault(deps.getSnapshot(), vault)) return;
      const session = deps.sessionFor(vault);
      const view = viewOf(enrichOptions.deleted);
      const url = session.info.url;
      const listKey = loadKey(url, view, kind);
      deps.enrichLists.set(listKey, { url, view, kind });
      const wanted = new Set(ids);
      const items = findVault(deps.getSnapshot(), url)![view][kind].items.filter((item) => wanted.has(item.id));
      deps.enricher.request(listKey, session, items);
    },
  };
}
