import { useEffect } from 'react';
import type { CollectionKind, LoadStatus, Store } from '../store/types.js';

/**
 * Starts loading the collection in view the first time it is shown (and continues one that
 * was cancelled); leaving it — another vault, tab or view — cancels its paging, so a long list
 * does not keep spending the vault's request budget after the user moved on.
 */
export function useCollectionLoading(
  store: Store,
  vault: string | undefined,
  kind: CollectionKind,
  deleted: boolean,
  status: LoadStatus | undefined,
  cancelled = false,
): void {
  useEffect(() => {
    if (vault && (status === undefined || status === 'idle' || cancelled)) store.loadCollection(vault, kind, { deleted });
  }, [store, vault, kind, deleted, status, cancelled]);
  useEffect(() => {
    if (!vault) return;
    return () => {
      try {
        store.cancelLoad(vault, kind, { deleted });
      } catch {
        // The vault is no longer open: nothing of it is loading.
      }
    };
  }, [store, vault, kind, deleted]);
}
