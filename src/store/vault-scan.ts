// Loading the lists of many vaults for `:find` and `:expiring`, with bounded concurrency overall
// and per vault. Each list is the store's own collection (so the explorer shows it at once, and
// a second search is instant); this only decides when each load starts. A throttled list gives
// its slot back while it waits out Retry-After (collection-loads retries it by itself), so one
// busy vault never holds up the others.
import type { CollectionKind, CollectionState, StoreSnapshot } from './types.js';

export interface ScanRequest {
  /** Vault URLs, in the order they should start. */
  vaults: readonly string[];
  kinds: readonly CollectionKind[];
  /** Load again even what is already complete (`R`). */
  refresh?: boolean;
}

export interface VaultScanDeps {
  /** Lists loading at once across all vaults. */
  concurrency: number;
  /** Lists of one vault loading at once. */
  perVault: number;
  getSnapshot(): StoreSnapshot;
  subscribe(listener: () => void): () => void;
  loadCollection(vaultUrl: string, kind: CollectionKind, options: { refresh?: boolean }): void;
}

export interface VaultScan {
  start(request: ScanRequest): void;
  /** Stops starting new loads (those running finish). */
  stop(): void;
  /** Loads waiting for a slot, and loads holding one. */
  pending(): { queued: number; active: number };
}

interface Task {
  url: string;
  kind: CollectionKind;
  refresh: boolean;
  /** Restarts left after someone else cancelled the load. */
  restarts: number;
}

const key = (url: string, kind: CollectionKind) => `${url}|${kind}`;

type Lookup = (url: string, kind: CollectionKind) => CollectionState | undefined;

/** The snapshot's lists by vault URL: one pass over the vaults, not one per task (600 tasks × 200 vaults on every snapshot of a big scan). */
function lookupIn(snapshot: StoreSnapshot): Lookup {
  const byUrl = new Map(snapshot.vaults.map((v) => [v.url, v]));
  return (url, kind) => byUrl.get(url)?.collections[kind];
}

/** A list is settled when it is complete, refused, or waiting out a throttle (which retries by itself). */
function settled(c: CollectionState | undefined): 'done' | 'cancelled' | 'running' {
  if (!c) return 'done';
  if (c.status === 'complete' || c.status === 'error') return 'done';
  if (c.cancelled) return 'cancelled';
  return 'running';
}

export function createVaultScan(deps: VaultScanDeps): VaultScan {
  let queue: Task[] = [];
  const active = new Map<string, Task>();
  let unsubscribe: (() => void) | undefined;
  let pumping = false;

  function perVault(url: string): number {
    let n = 0;
    for (const t of active.values()) if (t.url === url) n++;
    return n;
  }

  function release(collectionOf: Lookup): void {
    for (const [k, task] of active) {
      const state = settled(collectionOf(task.url, task.kind));
      if (state === 'running') continue;
      active.delete(k);
      // Cancelled by someone else (the user left that pane): continue it later, once.
      if (state === 'cancelled' && task.restarts > 0) queue.push({ ...task, refresh: false, restarts: task.restarts - 1 });
    }
  }

  function pump(): void {
    if (pumping) return;
    pumping = true;
    try {
      const collectionOf = lookupIn(deps.getSnapshot());
      release(collectionOf);
      const waiting: Task[] = [];
      for (let i = 0; i < queue.length; i++) {
        // Every slot taken: the rest waits as it is (looked at again when a slot frees).
        if (active.size >= deps.concurrency) {
          for (let j = i; j < queue.length; j++) waiting.push(queue[j]);
          break;
        }
        const task = queue[i];
        const k = key(task.url, task.kind);
        const current = collectionOf(task.url, task.kind);
        if (!current || active.has(k)) continue;
        if (!task.refresh && current.status === 'complete') continue;
        if (perVault(task.url) >= deps.perVault) {
          waiting.push(task);
          continue;
        }
        // Registered before the call: loadCollection notifies subscribers (and so this) synchronously.
        active.set(k, task);
        deps.loadCollection(task.url, task.kind, { refresh: task.refresh });
        if (settled(lookupIn(deps.getSnapshot())(task.url, task.kind)) !== 'running') active.delete(k);
      }
      queue = waiting;
      if (queue.length === 0 && active.size === 0) {
        unsubscribe?.();
        unsubscribe = undefined;
      }
    } finally {
      pumping = false;
    }
  }

  return {
    start(request) {
      const queued = new Set(queue.map((t) => key(t.url, t.kind)));
      for (const url of request.vaults) {
        for (const kind of request.kinds) {
          const k = key(url, kind);
          if (queued.has(k) || (active.has(k) && !request.refresh)) continue;
          queue.push({ url, kind, refresh: request.refresh ?? false, restarts: 1 });
        }
      }
      unsubscribe ??= deps.subscribe(pump);
      pump();
    },
    stop() {
      queue = [];
      if (active.size === 0) {
        unsubscribe?.();
        unsubscribe = undefined;
      }
    },
    pending: () => ({ queued: queue.length, active: active.size }),
  };
}
