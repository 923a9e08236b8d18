// The route handlers every collection (secrets, keys, certificates) shares on the generic
// object store: they differ only in the path segment, the name label and how items and
// bundles render, so those come in and the store and paging logic lives here once.
import type { CollectionSpec } from './collection-spec.js';
import type { ObjectStore } from './object-store.js';
import type { DeletedObject, StoredObject, StoredVersion } from './stored-object.js';
import { paginate } from './paging.js';
import { checkObjectName, requireObject, requireString } from './request-validation.js';
import type { RouteRequest, RouteResponse } from './router.js';
import type { VaultState } from './vault-state.js';

type Json = Record<string, unknown>;

/** How one collection renders on the wire; the signatures of its *-collection.ts builders. */
export interface CollectionRendering<P, M> {
  spec: CollectionSpec<P, M>;
  /** The bundle returned after recover and restore (secrets leave the value out). */
  bundle(store: ObjectStore<P, M>, vaultUrl: string, object: StoredObject<P, M>, version: StoredVersion<P>): Json;
  item(store: ObjectStore<P, M>, vaultUrl: string, object: StoredObject<P, M>, version: StoredVersion<P>, withVersion: boolean): Json;
  deletedBundle(store: ObjectStore<P, M>, vaultUrl: string, entry: DeletedObject<P, M>): Json;
  deletedItem(store: ObjectStore<P, M>, vaultUrl: string, entry: DeletedObject<P, M>): Json;
  /** Brings an object up to date before its versions are listed (a certificate's pending operation). */
  settle?(vault: VaultState, object: StoredObject<P, M>): void;
}

export type CollectionHandler = (req: RouteRequest) => RouteResponse;

export interface CollectionHandlers {
  list: CollectionHandler;
  listVersions: CollectionHandler;
  listDeleted: CollectionHandler;
  getDeleted: CollectionHandler;
  delete: CollectionHandler;
  recover: CollectionHandler;
  purge: CollectionHandler;
  backup: CollectionHandler;
  restore: CollectionHandler;
}

function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

function latest<P, M>(object: StoredObject<P, M>): StoredVersion<P> {
  return object.versions[object.versions.length - 1];
}

export function collectionHandlers<P, M>(r: CollectionRendering<P, M>): CollectionHandlers {
  const { spec } = r;
  const storeOf = (req: RouteRequest) => req.vault.store(spec);
  const nameOf = (req: RouteRequest) => checkObjectName(req.params.name, spec.label);
  const page = (req: RouteRequest, path: string) => ({ query: req.query, vaultUrl: req.vault.url, path, apiVersion: req.apiVersion });
  const recovered = (req: RouteRequest, store: ObjectStore<P, M>, object: StoredObject<P, M>) =>
    ok(r.bundle(store, req.vault.url, object, latest(object)));

  return {
    list(req) {
      const store = storeOf(req);
      const render = (e: { object: StoredObject<P, M>; latest: StoredVersion<P> }) => r.item(store, req.vault.url, e.object, e.latest, false);
      return ok(paginate(store.latestCursor(), render, page(req, `/${spec.name}`)));
    },
    listVersions(req) {
      const name = nameOf(req);
      const store = storeOf(req);
      const object = store.getObject(name);
      r.settle?.(req.vault, object);
      const render = (v: StoredVersion<P>) => r.item(store, req.vault.url, object, v, true);
      return ok(paginate(store.versionsCursor(name), render, page(req, `/${spec.name}/${object.name}/versions`)));
    },
    listDeleted(req) {
      const store = storeOf(req);
      const render = (e: DeletedObject<P, M>) => r.deletedItem(store, req.vault.url, e);
      return ok(paginate(store.deletedCursor(), render, page(req, `/deleted${spec.name}`)));
    },
    getDeleted(req) {
      const store = storeOf(req);
      return ok(r.deletedBundle(store, req.vault.url, store.getDeleted(nameOf(req))));
    },
    delete(req) {
      const store = storeOf(req);
      return ok(r.deletedBundle(store, req.vault.url, store.delete(nameOf(req))));
    },
    recover(req) {
      const store = storeOf(req);
      return recovered(req, store, store.recover(nameOf(req)));
    },
    purge(req) {
      storeOf(req).purge(nameOf(req));
      return { status: 204 };
    },
    backup(req) {
      return ok({ value: storeOf(req).backup(nameOf(req)) });
    },
    restore(req) {
      const body = requireObject(req.body, `restoring a ${spec.label.toLowerCase()}`);
      const blob = requireString(body, 'value');
      const store = storeOf(req);
      return recovered(req, store, store.restore(blob));
    },
  };
}
