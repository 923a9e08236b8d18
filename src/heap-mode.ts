// V8 tuned for size while kvx sits idle, for speed while lists load. Idle, a long-lived TUI
// leaves garbage with every frame, and V8's default heap growth let RSS swell over a thousand
// keys (hence --optimize-for-size). Loading, that same setting collects so eagerly that a
// :find across 200 vaults (100,000 items) spent a third of its CPU in the collector and took
// 1.9× the bare SDK instead of 1.3×; keys waited behind the long pauses. So the size setting
// is lifted while any list is loading and put back when the last one ends.
import { setFlagsFromString } from 'node:v8';
import type { Store, StoreSnapshot, VaultState } from './store/types.js';

export const SIZE = '--optimize-for-size';
export const SPEED = '--no-optimize-for-size';

/** Whether any list of any open vault is fetching pages now (a cancelled or throttled one is not). */
export function isLoading(snapshot: StoreSnapshot): boolean {
  for (const vault of snapshot.vaults) {
    for (const view of [vault.collections, vault.deleted]) {
      for (const c of Object.values(view)) if (c.status === 'loading' || (c.status === 'partial' && !c.cancelled)) return true;
    }
  }
  return false;
}

/** Follows the store: speed while it loads, size otherwise. Returns a function that stops (leaving size). */
export function followLoading(store: Pick<Store, 'getSnapshot' | 'subscribe'>, setFlags: (flags: string) => void = setFlagsFromString): () => void {
  let busy = false;
  let seen: readonly VaultState[] | undefined;
  const check = () => {
    const snapshot = store.getSnapshot();
    // Lists live in the vaults: other changes (operations, details) cannot start or end a load.
    if (snapshot.vaults === seen) return;
    seen = snapshot.vaults;
    const loading = isLoading(snapshot);
    if (loading === busy) return;
    busy = loading;
    setFlags(busy ? SPEED : SIZE);
  };
  const unsubscribe = store.subscribe(check);
  check();
  return () => {
    unsubscribe();
    if (busy) setFlags(SIZE);
    busy = false;
  };
}
