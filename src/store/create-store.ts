// The store: one object outside React that owns vault sessions, collection loads, details
// and revealed secrets. Every change replaces the snapshot (sharing unchanged slices) and
// tells subscribers; the UI reads it with useSyncExternalStore and selectors.
import { observeIdentity } from '../auth/observe-identity.js';
import { parseVaultAddress } from '../config/vault-address.js';
import { classifyError } from './classify-error.js';
import { createCollectionLoads } from './collection-loads.js';
import { createDetailsLoads } from './details-loads.js';
import { createEnricher, fetchEnrichment, isEnrichable, mergeEnrichment } from './enrich-items.js';
import { createStoreOperations } from './operations-store.js';
import { ActionRefusedError } from './operations-errors.js';
import { createRevealer } from './secret-reveal.js';
import { trackSignIn } from './sign-in.js';
import { prefetchingCredential } from './token-prefetch.js';
import { itemId } from './item-summary.js';
import { checkName } from './validate-input.js';
import type { View } from './snapshot-updates.js';
import { findVault, newVaultState, updateCollection, vaultKey } from './snapshot-updates.js';
import type { CollectionKind, IdentityInfo, ItemSummary, Store, StoreSnapshot, VaultInfo } from './types.js';
import { VaultSession } from './vault-session.js';
import { VaultMemory } from './vault-memory.js';
import { createArmStore } from './arm/arm-store.js';
import { DISCOVERY_IDLE, DISCOVERY_OFF } from './arm/discovery-load.js';
import { createVaultScan } from './vault-scan.js';
import { createListActions } from './list-actions.js';
import { createRenewalLoads } from './renewal-loads.js';
import { createVersionLoads } from './version-loads.js';


import type { StoreOptions } from './store-options.js';

export type { StoreOptions };

// Still exported from here: callers and tests have always found detailsKey next to createStore.
export { detailsKey } from './details-loads.js';

const SCAN_ORDER: readonly CollectionKind[] = ['secrets', 'keys', 'certificates'];

export function createStore(options: StoreOptions): Store {
  const maxPageSize = options.maxPageSize ?? 25;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1 || maxPageSize > 25) {
    throw new RangeError(`maxPageSize must be a whole number from 1 to 25, not ${maxPageSize}`);
  }
  const now = options.now ?? Date.now;
  const throttleRetries = options.throttleRetries ?? 3;
  const listeners = new Set<() => void>();
  // A plain object's constructor is "Object": that names no credential.
  const constructorName = options.credential.constructor?.name;
  const credentialName = constructorName && constructorName !== 'Object' ? constructorName : undefined;
  // Aborted by dispose(): a pending sign-in or request must not keep kvx alive after quitting.
  const life = new AbortController();
  const signingIn = trackSignIn(options.credential, {
    label: options.credentialLabel ?? credentialName ?? 'the credential',
    // A duration on the wall clock, not the store's (tests freeze that one).
    now: Date.now,
    signal: life.signal,
    onChange: (signIn) => set({ ...snapshot, signIn }),
  });
  // Outermost: a prefetched token is seen by observeIdentity and the sign-in indicator as it comes.
  const credential = prefetchingCredential(observeIdentity(signingIn, (identity) => setIdentity(identity), credentialName));
  const sessions = new Map<string, VaultSession>();
  let disposed = false;

  let snapshot: StoreSnapshot = {
    vaults: [],
    discovery: options.arm ? DISCOVERY_IDLE : DISCOVERY_OFF,
    deletedVaults: { status: 'idle', items: [] },
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
    const existing = findVault(snapshot, info.url);
    if (existing) return { name: existing.name, url: existing.url, local: existing.local };
    sessions.set(info.url, new VaultSession(info, credential, options));
    set({ ...snapshot, vaults: [...snapshot.vaults, newVaultState(memory.isPinned(info.url) ? { ...info, pinned: true } : info)] });
    return info;
  }
  const memory = new VaultMemory(options.memory ?? {}, options.memory?.persist);
  for (const vault of options.vaults) addSession({ origin: 'named', ...vault });

  /** Vaults found through ARM: new ones are added (sessions are cheap: clients come on first use), open ones get ARM's facts. */
  function mergeDiscovered(found: readonly VaultInfo[]): void {
    let vaults = snapshot.vaults;
    for (const info of found) {
      const at = vaults.findIndex((v) => vaultKey(v.url) === vaultKey(info.url));
      if (at >= 0) {
        vaults = vaults.map((v, i) => (i === at ? { ...v, arm: info.arm } : v));
      } else {
        sessions.set(info.url, new VaultSession(info, credential, options));
        vaults = [...vaults, newVaultState(memory.isPinned(info.url) ? { ...info, pinned: true } : info)];
      }
    }
    if (vaults !== snapshot.vaults) set({ ...snapshot, vaults });
  }

  const classify = (error: unknown) => classifyError(error, { credential: credentialName, now: now() });

  function sessionFor(vaultUrl: string): VaultSession {
    const state = findVault(snapshot, vaultUrl);
    const session = state && sessions.get(state.url);
    if (!session) throw new Error(`No vault at "${vaultUrl.slice(0, 80)}" is open (vaults are addressed by URL); open vaults: ${snapshot.vaults.map((v) => v.url).join(', ')}`);
    return session;
  }

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
  const getSnapshot = () => snapshot;
  const isDisposed = () => disposed;
  const loads = createCollectionLoads({ maxPageSize, throttleRetries, classify, withEnrichment, getSnapshot, set, isDisposed, now, coalesceMs: options.coalesceMs });
  const lookupDeps = { concurrency: options.enrichConcurrency ?? 4, sessionFor, getSnapshot, set, isDisposed };
  const renewals = createRenewalLoads(lookupDeps);
  const versionLists = createVersionLoads({ ...lookupDeps, maxPageSize });
  const details = createDetailsLoads({ maxPageSize, classify, sessionFor, getSnapshot, set, isDisposed });

  const revealer = createRevealer({
    now,
    hideAfterMs: options.hideAfterMs ?? 30_000,
    fetchValue: async (item, version) => {
      const secret = await sessionFor(item.vaultUrl).secrets().getSecret(item.name, { version, abortSignal: life.signal });
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
    forgetEnrichment: (itemId) => enricher.forget(itemId),
    listItem: (item) => loads.listItem(item),
    unlistItem: (vaultUrl, kind, name) => loads.unlistItem(vaultUrl, kind, name),
  });

  const arm = createArmStore({
    endpoint: options.arm?.endpoint,
    credential,
    connection: options,
    tracker: operations.tracker,
    guard: operations.guard,
    classify,
    getSnapshot,
    set,
    isDisposed,
    mergeVaults: mergeDiscovered,
    removeVault(url) {
      const vault = findVault(snapshot, url);
      if (!vault) return;
      sessions.delete(vault.url);
      set({ ...snapshot, vaults: snapshot.vaults.filter((v) => v !== vault) });
    },
    remember: (url) => memory.opened(url),
  });

  const lists = createListActions({ isDisposed, sessionFor, getSnapshot, set, loads, enricher, enrichLists, rememberOpened: (url) => memory.opened(url) });

  const store: Store = {
    ...operations.actions,
    ...arm.actions,
    getSnapshot: () => snapshot,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    ...lists,

    loadDetails: (item, detailOptions) => details.load(item, detailOptions),

    openByName(vault, kind, name) {
      const checked = checkName(name);
      if (!checked.ok) throw new ActionRefusedError('invalid', checked.problem.message, 'name');
      const session = sessionFor(vault);
      const wanted = name.toLowerCase();
      const listed = findVault(snapshot, vault)!.collections[kind].items.find((i) => i.name.toLowerCase() === wanted);
      const item: ItemSummary = listed ?? { kind, id: itemId(session.info.url, kind, name), name, vaultUrl: session.info.url, tags: {} };
      details.load(item);
      return item;
    },

    revealSecret: (item, revealOptions) => revealer.reveal(item, revealOptions),
    hideSecret: () => revealer.hide(),

    async readSecretValue(item, readOptions = {}) {
      if (item.kind !== 'secrets') throw new ActionRefusedError('invalid', `only secrets have a value, not ${item.kind}`);
      try {
        const secret = await sessionFor(item.vaultUrl).secrets().getSecret(item.name, { version: readOptions.version, abortSignal: life.signal });
        return secret.value ?? '';
      } catch (error) {
        const classified = classify(error);
        throw new ActionRefusedError(classified.class, classified.message);
      }
    },

    scanVaults(request = {}) {
      if (disposed) return;
      const vaults = (request.vaults ?? snapshot.vaults.map((v) => v.url)).map((v) => sessionFor(v).info.url);
      // Secrets first: the names people look for most often are there.
      scan.start({ vaults, kinds: request.kinds ?? SCAN_ORDER, refresh: request.refresh });
    },

    stopScan: () => scan.stop(),

    loadRenewals(items) {
      if (!disposed) renewals.request(items);
    },

    loadVersionLists(items) {
      if (!disposed) versionLists.request(items);
    },

    addVault(nameOrUrl) {
      return addSession(parseVaultAddress(nameOrUrl, 'vault', options.vaultSuffix));
    },

    togglePin(vaultUrl) {
      const vault = findVault(snapshot, vaultUrl);
      if (!vault) return false;
      const pinned = memory.togglePin(vault.url);
      set({ ...snapshot, vaults: snapshot.vaults.map((v) => (v === vault ? { ...v, pinned } : v)) });
      return pinned;
    },

    async dispose() {
      life.abort();
      arm.discovery.stop();
      scan.stop();
      renewals.stopAll();
      versionLists.stopAll();
      loads.stopAll();
      enricher.cancel();
      details.stopAll();
      revealer.hide();
      revealer.dispose();
      operations.dispose();
      disposed = true;
      listeners.clear();
    },
  };
  const scan = createVaultScan({
    concurrency: options.scanConcurrency?.overall ?? 8,
    perVault: options.scanConcurrency?.perVault ?? 2,
    getSnapshot,
    subscribe: (listener) => store.subscribe(listener),
    loadCollection: (url, kind, loadOptions) => store.loadCollection(url, kind, { ...loadOptions, scan: true }),
  });
  return store;
}
