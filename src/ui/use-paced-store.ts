import { useCallback, useSyncExternalStore } from 'react';
import type { Store, StoreSnapshot } from '../store/types.js';
import { pace } from './pace.js';

/** At most this many re-renders a second for a slice that changes in bursts. */
export const PACE_MS = 100;

/**
 * Like useStore, for a slice that background loading changes many times a second (every
 * vault's lists during `:find` across 200 vaults): a change re-renders at once after a quiet
 * spell, and the changes of a burst are gathered into one re-render per `paceMs`. Keys stay
 * answered because React is not asked to render the explorer for each page of each vault;
 * any render for another reason reads the newest slice anyway.
 */
export function usePacedStore<T>(store: Store, selector: (snapshot: StoreSnapshot) => T, paceMs = PACE_MS): T {
  const subscribe = useCallback(
    (listener: () => void) => {
      const paced = pace(listener, paceMs);
      const unsubscribe = store.subscribe(paced);
      return () => {
        paced.cancel();
        unsubscribe();
      };
    },
    [store, paceMs],
  );
  return useSyncExternalStore(subscribe, () => selector(store.getSnapshot()));
}
