import { useCallback, useSyncExternalStore } from 'react';
import type { Store, StoreSnapshot } from '../store/types.js';

/**
 * Reads a slice of the store. Snapshots keep unchanged slices by reference, so a component
 * re-renders only when its own slice changes. Selectors must return store data (or
 * primitives), not new objects.
 */
export function useStore<T>(store: Store, selector: (snapshot: StoreSnapshot) => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
  return useSyncExternalStore(subscribe, () => selector(store.getSnapshot()));
}
