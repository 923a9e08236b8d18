// The store: one object outside React that owns vault sessions, collection loads, details
// and revealed secrets. Every change replaces the snapshot (sharing unchanged slices) and
// tells subscribers; the UI reads it with useSyncExternalStore and selectors.
import type { TokenCredential } from '@azure/core-auth';
import { observeIdentity } from '../auth/observe-identity.js';
import { parseVaultAddress } from '../config/vault-address.js';
import { classifyError } from './classify-error.js';
import { loadPages } from './collection-loader.js';
import { createEnricher, fetchEnrichment, isEnrichable, mergeEnrichment } from './enrich-items.js';
import { fetchItemDetails } from './item-details.js';
import { newestFirst } from './item-summary.js';
import { createStoreOperations } from './operations-store.js';
import { ActionRefusedError } from './operations-errors.js';
import { createRevealer } from './secret-reveal.js';
import type { View } from './snapshot-updates.js';
import { emptyCollection, findVault, newVaultState, updateCollection, updateDetails, viewOf } from './snapshot-updates.js';
import type { CollectionKind, IdentityInfo, ItemSummary, Store, StoreSnapshot, VaultInfo } from './types.js';
import type { ConnectionOptions } from './vault-session.js';
import { VaultSession } from './vault-session.js';

export interface StoreOptions extends ConnectionOptions {
  vaults: readonly VaultInfo[];
  credential: TokenCredential;
  readOnly?: boolean;
  /** Epoch ms; reveal deadlines are computed with it. */
  now?: () => number;
  /** Items per page, 1–25 (the service's maximum and the default). */
  maxPageSize?: number;
  /** How long a revealed secret stays visible; default 30 s. */
  hideAfterMs?: number;
  /** How many times a throttled load retries by itself after Retry-After; default 3. */
  throttleRetries?: number;
  /** Time between polls of a running operation (delete, recover, purge, certificate create); default 1000 ms. */
  operationIntervalMs?: number;
  /** How many item lookups enrichItems() runs at a time; default 4. */
  enrichConcurrency?: number;
}

interface Load {
  controller: AbortController;
  retryTimer?: ReturnType<typeof setTimeout>;
  throttleRetries: number;
}

/** The key of a details entry: the versionless item id, or `id/version` for one version. */
export function detailsKey(item: Pick<ItemSummary, 'id'>, version?: string): string {
  return version ? `${item.id}/${version}` : item.id;
}

export function createStore(options: StoreOptions): Store {
  const maxPageSize = options.maxPageSize ?? 25;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1 || maxPageSize > 25) {
    throw new RangeError(`maxPageSize must be a whole number from 1 to 25, not ${maxPageSize}`);
  }
  const now = options.now ?? Date.now;
  const throttleRetries = options.throttleRetries ?? 3;
  const listeners = new Set<() => void>();
  const credentialName = options.credential.constructor?.name;
  const credential = observeIdentity(options.credential, (identity) => setIdentity(identity), credentialName);
  const sessions = new Map<string, VaultSession>();
  const loads = new Map<string, Load>();
  const detailLoads = new Map<string, AbortController>();
  let disposed = false;

  let snapshot: StoreSnapshot = {
    vaults: [],
    details: {},
    operations: [],
    readOnly: options.readOnly ?? false,
  };

  function set(next: StoreSnapshot): void {
    if (next === snapshot || disposed) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  function setIdentity(identity: IdentityInfo): void {
    const cur = snapshot.identity;
    if (cur && cur.display === identity.display && cur.objectId === identity.objectId && cur.tenantId === identity.tenantId) return;
    set({ ...snapshot, identity });
  }

  function addSession(info: VaultInfo): VaultInfo {
    const existing = snapshot.vaults.find((v) => v.url === info.url);
    if (existing) return { name: existing.name, url: existing.url, local: existing.local };
    sessions.set(info.url, new VaultSession(info, credential, options));
    set({ ...snapshot, vaults: [...snapshot.vaults, newVaultState(info)] });
    return info;
  }
  for (const vault of options.vaults) addSession(vault);

  const classify = (error: unknown) => classifyError(error, { credential: credentialName, now: now() });

  function sessionFor(vault: string): VaultSession {
    const state = findVault(snapshot, vault);
    const session = state && sessions.get(state.url);
    if (!session) throw new Error(`No vault "${vault.slice(0, 80)}" is open; open vaults: ${snapshot.vaults.map((v) => v.name).join(', ')}`);
    return session;
  }

  const loadKey = (url: string, view: View, kind: CollectionKind) => `${url}|${view}|${kind}`;

  // Key types and issuers for the rows in view (enrich-items.ts); answers are merged into the list.
  const enrichLists = new Map<string, { url: string; view: View; kind: CollectionKind }>();
  const enricher = createEnricher({
    concurrency: options.enrichConcurrency ?? 4,
    fetch: fetchEnrichment,
    apply(listKey, results) {
      const list = enrichLists.get(listKey);
      if (!list || !isEnrichable(list.kind)) return;
      set(updateCollection(snapshot, list.url, list.view, list.kind, (c) => mergeEnrichment(c, list.kind, results)));
    },
  });
  const withEnrichment = (items: ItemSummary[]) => items.map((item) => enricher.withCached(item));

  function stopLoad(key: string): Load | undefined {
    const load = loads.get(key);
    if (!load) return undefined;
    load.controller.abort();
    if (load.retryTimer) clearTimeout(load.retryTimer);
    loads.delete(key);
    return load;
  }

  /**
   * `fresh`: the first page replaces what is shown (a refresh keeps old items until then).
   * `merge`: continue a cancelled or throttled load; pages come again from the start and only
   * items not yet shown are added, so nothing flickers away.
   */
  function runLoad(session: VaultSession, view: View, kind: CollectionKind, mode: 'fresh' | 'merge', throttleCount: number): void {
    const url = session.info.url;
    const key = loadKey(url, view, kind);
    const load: Load = { controller: new AbortController(), throttleRetries: throttleCount };
    loads.set(key, load);
    let first = true;
    const signal = load.controller.signal;
    const pages = session.pages(kind, { deleted: view === 'deleted', maxPageSize, abortSignal: signal });
    loadPages(pages, signal, (loaded) => {
      const page = { items: withEnrichment(loaded.items) };
      const replace = mode === 'fresh' && first;
      first = false;
      set(
        updateCollection(snapshot, url, view, kind, (c) => {
          let items: readonly ItemSummary[];
          if (replace) items = page.items;
          else if (mode === 'merge') {
            const known = new Set(c.items.map((i) => i.id));
            const added = page.items.filter((i) => !known.has(i.id));
            items = added.length > 0 ? [...c.items, ...added] : c.items;
          } else items = [...c.items, ...page.items];
          return { status: 'partial', items, pagesLoaded: (replace ? 0 : c.pagesLoaded) + 1, revision: c.revision };
        }),
      );
    }).then(
      (end) => {
        if (end === 'aborted' || loads.get(key) !== load) return;
        loads.delete(key);
        set(
          updateCollection(snapshot, url, view, kind, (c) => ({
            status: 'complete',
            // A fresh load that got no page at all (an iterator that ends at once) shows nothing.
            items: mode === 'fresh' && first ? [] : c.items,
            pagesLoaded: c.pagesLoaded,
            revision: c.revision,
          })),
        );
      },
      (error: unknown) => {
        if (signal.aborted || loads.get(key) !== load) return;
        const classified = classify(error);
        set(updateCollection(snapshot, url, view, kind, (c) => ({ ...c, status: 'error', error: classified })));
        if (classified.class === 'throttled' && load.throttleRetries < throttleRetries) {
          // Keep the load registered so cancel and refresh still find (and stop) the retry.
          load.retryTimer = setTimeout(() => {
            if (loads.get(key) !== load || disposed) return;
            runLoad(session, view, kind, mode === 'fresh' && first ? 'fresh' : 'merge', load.throttleRetries + 1);
          }, classified.retryAfterMs ?? 1000);
          load.retryTimer.unref?.();
        } else {
          loads.delete(key);
        }
      },
    );
  }

  function loadDetailsVersions(session: VaultSession, item: ItemSummary, key: string, signal: AbortSignal): void {
    const pages = session.versionPages(item.kind, item.name, { maxPageSize, abortSignal: signal });
    const setVersions = (change: Parameters<typeof updateCollection>[4]) =>
      set(updateDetails(snapshot, key, (d) => ({ ...(d ?? { status: 'loading', versions: emptyCollection() }), versions: { ...change(d?.versions ?? emptyCollection()), revision: (d?.versions.revision ?? 0) + 1 } })));
    setVersions((c) => ({ ...c, status: 'loading' }));
    loadPages(pages, signal, (page) => {
      setVersions((c) => ({
        status: 'partial',
        items: [...c.items, ...page.items].sort(newestFirst),
        pagesLoaded: c.pagesLoaded + 1,
        revision: c.revision,
      }));
    }).then(
      (end) => {
        if (end === 'complete' && !signal.aborted) setVersions((c) => (c.status === 'complete' ? c : { ...c, status: 'complete' }));
      },
      (error: unknown) => {
        if (!signal.aborted) setVersions((c) => ({ ...c, status: 'error', error: classify(error) }));
      },
    );
  }

  const revealer = createRevealer({
    now,
    hideAfterMs: options.hideAfterMs ?? 30_000,
    fetchValue: async (item, version) => {
      const secret = await sessionFor(item.vaultUrl).secrets().getSecret(item.name, { version });
      return { value: secret.value ?? '', version: secret.properties.version };
    },
    classify,
    getSnapshot: () => snapshot,
    set,
  });

  // Mutating actions run as operations (operations-store.ts); finished ones refresh what they touched.
  const operations = createStoreOperations({
    readOnly: snapshot.readOnly,
    now,
    intervalMs: options.operationIntervalMs ?? 1000,
    classify,
    clientsFor: sessionFor,
    getSnapshot: () => snapshot,
    setOperations: (list) => set({ ...snapshot, operations: list }),
    loadCollection: (vault, kind, loadOptions) => store.loadCollection(vault, kind, loadOptions),
    loadDetails: (item, detailOptions) => store.loadDetails(item, detailOptions),
  });

  const store: Store = {
    ...operations.actions,
    getSnapshot: () => snapshot,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    loadCollection(vault, kind, loadOptions = {}) {
      if (disposed) return;
      const session = sessionFor(vault);
      const view = viewOf(loadOptions.deleted);
      const key = loadKey(session.info.url, view, kind);
      const state = findVault(snapshot, vault)![view][kind];
      if (!loadOptions.refresh) {
        if (loads.has(key) || state.status === 'complete') return;
        if (state.cancelled && state.pagesLoaded > 0) {
          set(updateCollection(snapshot, session.info.url, view, kind, (c) => ({ ...c, status: 'partial', cancelled: false, error: undefined })));
          runLoad(session, view, kind, 'merge', 0);
          return;
        }
      }
      stopLoad(key);
      set(updateCollection(snapshot, session.info.url, view, kind, (c) => ({ ...c, status: 'loading', cancelled: false, error: undefined })));
      runLoad(session, view, kind, 'fresh', 0);
    },

    cancelLoad(vault, kind, loadOptions = {}) {
      const session = sessionFor(vault);
      const view = viewOf(loadOptions.deleted);
      enricher.cancel(loadKey(session.info.url, view, kind));
      if (!stopLoad(loadKey(session.info.url, view, kind))) return;
      set(
        updateCollection(snapshot, session.info.url, view, kind, (c) =>
          c.status === 'complete' ? c : { ...c, status: c.pagesLoaded > 0 ? 'partial' : 'idle', cancelled: true },
        ),
      );
    },

    loadDetails(item, detailOptions = {}) {
      if (disposed) return;
      const key = detailsKey(item, detailOptions.version);
      const current = snapshot.details[key];
      const deleted = item.deletedOn !== undefined;
      const sameView = current?.item ? (current.item.deletedOn !== undefined) === deleted : false;
      if (!detailOptions.refresh && current && sameView && current.status !== 'error' && current.status !== 'idle') return;
      detailLoads.get(key)?.abort();
      const controller = new AbortController();
      detailLoads.set(key, controller);
      const session = sessionFor(item.vaultUrl);
      set(updateDetails(snapshot, key, () => ({ status: 'loading', item: { ...item }, versions: emptyCollection() })));
      // Versions of the current item only: a deleted item or one chosen version has none to list.
      if (!deleted && !detailOptions.version) loadDetailsVersions(session, item, key, controller.signal);
      fetchItemDetails(session, item, { version: detailOptions.version, abortSignal: controller.signal }).then(
        (details) => {
          if (controller.signal.aborted) return;
          set(updateDetails(snapshot, key, (d) => ({ ...(d ?? { versions: emptyCollection() }), status: 'complete', item: details, error: undefined })));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          set(updateDetails(snapshot, key, (d) => ({ ...(d ?? { versions: emptyCollection() }), status: 'error', error: classify(error) })));
        },
      );
    },

    enrichItems(vault, kind, ids, enrichOptions = {}) {
      if (disposed || !isEnrichable(kind)) return;
      const session = sessionFor(vault);
      const view = viewOf(enrichOptions.deleted);
      const url = session.info.url;
      const listKey = loadKey(url, view, kind);
      enrichLists.set(listKey, { url, view, kind });
      const wanted = new Set(ids);
      const items = findVault(snapshot, url)![view][kind].items.filter((item) => wanted.has(item.id));
      enricher.request(listKey, session, items);
    },

    revealSecret: (item, revealOptions) => revealer.reveal(item, revealOptions),
    hideSecret: () => revealer.hide(),

    async readSecretValue(item, readOptions = {}) {
      if (item.kind !== 'secrets') throw new ActionRefusedError('invalid', `only secrets have a value, not ${item.kind}`);
      try {
        const secret = await sessionFor(item.vaultUrl).secrets().getSecret(item.name, { version: readOptions.version });
        return secret.value ?? '';
      } catch (error) {
        const classified = classify(error);
        throw new ActionRefusedError(classified.class, classified.message);
      }
    },

    addVault(nameOrUrl) {
      return addSession(parseVaultAddress(nameOrUrl));
    },

    async dispose() {
      for (const key of [...loads.keys()]) stopLoad(key);
      enricher.cancel();
      for (const controller of detailLoads.values()) controller.abort();
      detailLoads.clear();
      revealer.hide();
      revealer.dispose();
      operations.dispose();
      disposed = true;
      listeners.clear();
    },
  };
  return store;
}
