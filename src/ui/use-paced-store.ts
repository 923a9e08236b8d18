import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Store, StoreSnapshot } from '../store/types.js';
import type { Paced } from './pace.js';
import { pace } from './pace.js';

/** At most this many re-renders a second for a slice that changes in bursts. */
export const PACE_MS = 100;

/**
 * Like useStore, for a slice that background loading changes many times a second (every
 * vault's lists during `:find` across 200 vaults): a change re-renders at once after a quiet
 * spell, and the changes of a burst are gathered into one re-render per `paceMs`. Keys stay
 * answered because React is not asked to render the explorer for each page of each vault;
 * any render for another reason (a key) reads the newest slice anyway, so it counts as the
 * burst's draw and the next one waits `paceMs` after it: while keys keep coming (key repeat),
 * background draws stay out of their way instead of landing between them.
 */
export function usePacedStore<T>(store: Store, selector: (snapshot: StoreSnapshot) => T, paceMs = PACE_MS): T {
  const paced = useRef<Paced | undefined>(undefined);
  const subscribe = useCallback(
    (listener: () => void) => {
      const p = pace(listener, paceMs);
      paced.current = p;
      const unsubscribe = store.subscribe(p);
      return () => {
        p.cancel();
        if (paced.current === p) paced.current = undefined;
        unsubscribe();
      };
    },
    [store, paceMs],
  );
  const slice = useSyncExternalStore(subscribe, () => selector(store.getSnapshot()));
  // Every render (whatever caused it) showed the newest slice.
  useEffect(() => paced.current?.touch());
  return slice;
}
