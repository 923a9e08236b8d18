import { useEffect } from 'react';
import type { Store } from '../store/types.js';

/**
 * Starts vault discovery once when nothing was named to open (kvx alone, or the demo): the
 * store lists what the identity can see in the background. With vaults named, discovery
 * waits for `:vaults` or R in the vaults pane, so they open without waiting for ARM.
 */
export function useDiscovery(store: Store): void {
  useEffect(() => {
    const snapshot = store.getSnapshot();
    if (snapshot.discovery.status === 'idle' && snapshot.vaults.length === 0) store.discoverVaults();
  }, [store]);
}
