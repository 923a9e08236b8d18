// Discovery as a background load of the store: one run at a time (a new one aborts the old),
// its progress and outcome in `snapshot.discovery`, found vaults merged into `snapshot.vaults`
// — new ones added (by URL, so the current vault never shifts), open ones given their ARM
// facts. A refusal is one classified error; it never touches vaults opened by name.
import type { ClassifiedError, StoreSnapshot, VaultInfo } from '../types.js';
import type { DiscoveryState } from './types.js';
import type { ArmClients } from './arm-clients.js';
import { discoverVaults } from './discovery.js';

export interface DiscoveryLoadOptions {
  clients: ArmClients | undefined;
  classify(error: unknown): ClassifiedError;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
  /** Adds vaults not open yet and attaches ARM facts to open ones. */
  merge(found: readonly VaultInfo[]): void;
}

export interface DiscoveryLoad {
  start(): void;
  stop(): void;
}

export const DISCOVERY_OFF: DiscoveryState = { status: 'off', subscriptions: [], found: 0 };
export const DISCOVERY_IDLE: DiscoveryState = { status: 'idle', subscriptions: [], found: 0 };

export function createDiscoveryLoad(options: DiscoveryLoadOptions): DiscoveryLoad {
  let controller: AbortController | undefined;
  const update = (signal: AbortSignal, change: (d: DiscoveryState) => DiscoveryState) => {
    if (signal.aborted) return;
    const snapshot = options.getSnapshot();
    options.set({ ...snapshot, discovery: change(snapshot.discovery) });
  };

  return {
    start() {
      const clients = options.clients;
      if (!clients) return;
      controller?.abort();
      const own = new AbortController();
      controller = own;
      const signal = own.signal;
      update(signal, () => ({ status: 'loading', subscriptions: [], found: 0, progress: 'subscriptions' }));
      discoverVaults(clients, signal, options.classify, {
        progress: (text) => update(signal, (d) => ({ ...d, progress: text })),
        subscriptions: (list) => update(signal, (d) => ({ ...d, subscriptions: list })),
        vaults(found) {
          if (signal.aborted || found.length === 0) return;
          options.merge(found);
          update(signal, (d) => ({ ...d, found: d.found + found.length }));
        },
        fallback: (reason) => update(signal, (d) => ({ ...d, fallbackReason: reason.message })),
        subscriptionFailed: (subscription, error) =>
          update(signal, (d) => ({ ...d, fallbackReason: `${d.fallbackReason ? `${d.fallbackReason}; ` : ''}${subscription.name}: ${error.message}` })),
      }).then(
        (via) => update(signal, (d) => ({ ...d, status: 'complete', via, progress: undefined })),
        (error: unknown) => update(signal, (d) => ({ ...d, status: 'error', progress: undefined, error: options.classify(error) })),
      );
    },
    stop() {
      controller?.abort();
      controller = undefined;
    },
  };
}
