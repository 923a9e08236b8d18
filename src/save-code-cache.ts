// When kvx takes V8's code cache of its script (src/launch/): once the store shows its first
// rows and a moment has passed for them to be drawn. By then what every start runs — the
// first frame, the runtime, sign-in, the SDK's first requests, the rows — has been compiled,
// and the next start gets it all compiled. Earlier the cache would miss the rows; much later
// (at exit, say) V8 may have dropped the startup code it has not run since.
import type { CodeCacheHook } from './launch/code-cache-hook.js';
import type { Store, StoreSnapshot } from './store/types.js';

/** How long after the first rows arrive the cache is taken: the frame with them is drawn by then. */
export const AFTER_ROWS_MS = 1_000;

/** Whether any list of any vault has shown something: rows, or its end (an empty or failed list). */
export function hasShownRows(snapshot: StoreSnapshot): boolean {
  for (const vault of snapshot.vaults) {
    for (const c of Object.values(vault.collections)) if (c.items.length > 0 || c.status === 'complete' || c.status === 'error') return true;
  }
  return false;
}

/**
 * Takes the cache once, AFTER_ROWS_MS after the store first shows rows, then calls `taken`
 * (written or not). Returns a function that cancels.
 */
export function saveCodeCacheOnceShown(store: Pick<Store, 'getSnapshot' | 'subscribe'>, hook: CodeCacheHook, taken: () => void, afterMs = AFTER_ROWS_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  const check = () => {
    if (timer !== undefined || !hasShownRows(store.getSnapshot())) return;
    // Shown: nothing more to watch.
    unsubscribe();
    timer = setTimeout(() => {
      hook.save();
      taken();
    }, afterMs);
    // Never what keeps kvx from exiting.
    timer.unref?.();
  };
  unsubscribe = store.subscribe(check);
  check();
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
