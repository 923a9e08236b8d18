import { useEffect } from 'react';
import type { RevealedSecret, Store } from '../store/types.js';
import { revealMatches } from './secret-details.js';

/**
 * A revealed secret value stays only while its item and version are open: leaving them (or a
 * reveal that arrives after the user left) hides it at once.
 */
export function useHideOnLeave(
  store: Store,
  revealed: RevealedSecret | undefined,
  openedId: string | undefined,
  version: string | undefined,
  latestVersion: string | undefined,
): void {
  useEffect(() => {
    if (revealed && !revealMatches(revealed, openedId, version, latestVersion)) store.hideSecret();
  }, [store, revealed, openedId, version, latestVersion]);
}
