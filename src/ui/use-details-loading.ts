import { useEffect } from 'react';
import type { ItemSummary, LoadStatus, Store } from '../store/types.js';

/** Loads the opened item's details (and the chosen version's) when first shown. */
export function useDetailsLoading(
  store: Store,
  item: ItemSummary | undefined,
  version: string | undefined,
  status: LoadStatus | undefined,
  latestStatus: LoadStatus | undefined,
): void {
  useEffect(() => {
    if (!item) return;
    if (latestStatus === undefined || latestStatus === 'idle') store.loadDetails(item);
    if (version && (status === undefined || status === 'idle')) store.loadDetails(item, { version });
  }, [store, item, version, status, latestStatus]);
}
