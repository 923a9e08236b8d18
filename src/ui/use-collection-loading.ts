import { useEffect } from 'react';
import type { CollectionKind, LoadStatus, Store } from '../store/types.js';

/** Starts loading the collection in view the first time it is shown. */
export function useCollectionLoading(store: Store, vault: string | undefined, kind: CollectionKind, deleted: boolean, status: LoadStatus | undefined): void {
  useEffect(() => {
    if (vault && (status === undefined || status === 'idle')) store.loadCollection(vault, kind, { deleted });
  }, [store, vault, kind, deleted, status]);
}
