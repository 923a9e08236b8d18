// A few requests at a time, once per item, with the answers kept in one snapshot slice keyed
// by item id: what the expiry radar asks per item (a certificate's policy, an item's versions).
import type { ItemSummary, StoreSnapshot } from './types.js';

export type LookupState<T> = { status: 'loading' } | ({ status: 'done' } & T) | { status: 'error' };

export interface ItemLookupsDeps<T> {
  concurrency: number;
  fetch(item: ItemSummary, signal: AbortSignal): Promise<T>;
  /** The slice this lookup owns, and how to put a new one into a snapshot. */
  read(snapshot: StoreSnapshot): Readonly<Record<string, LookupState<T>>> | undefined;
  write(snapshot: StoreSnapshot, slice: Readonly<Record<string, LookupState<T>>>): StoreSnapshot;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  isDisposed(): boolean;
}

export function createItemLookups<T>(deps: ItemLookupsDeps<T>) {
  const queue: ItemSummary[] = [];
  let running = 0;
  const controller = new AbortController();

  function put(id: string, state: LookupState<T>): void {
    const snapshot = deps.getSnapshot();
    deps.set(deps.write(snapshot, { ...deps.read(snapshot), [id]: state }));
  }

  function next(): void {
    while (running < deps.concurrency && queue.length > 0 && !deps.isDisposed()) {
      const item = queue.shift()!;
      running++;
      deps
        .fetch(item, controller.signal)
        .then(
          (answer) => put(item.id, { status: 'done', ...answer }),
          () => put(item.id, { status: 'error' }),
        )
        .finally(() => {
          running--;
          next();
        });
    }
  }

  return {
    /** Asks for the items not asked for yet. */
    request(items: readonly ItemSummary[]): void {
      const snapshot = deps.getSnapshot();
      const known = deps.read(snapshot) ?? {};
      const fresh = items.filter((i) => !known[i.id]);
      if (fresh.length === 0) return;
      const slice: Record<string, LookupState<T>> = { ...known };
      for (const item of fresh) slice[item.id] = { status: 'loading' };
      deps.set(deps.write(snapshot, slice));
      queue.push(...fresh);
      next();
    },
    stopAll(): void {
      queue.length = 0;
      controller.abort();
    },
  };
}
