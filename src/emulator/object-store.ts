/**
 * Generic per-vault object store: named objects with versions, attributes, tags, soft delete
 * with configurable delays, recover, purge, and backup/restore blobs. One instance per
 * collection per vault; it knows nothing about the collection's wire format.
 *
 * How a collection plugs in (secrets do exactly this, see secrets/):
 *  1. Define the payload of one version (`P`, e.g. `{ value, contentType }` or a key's JWK
 *     and private KeyObject) and optional per-object metadata (`M`, e.g. a rotation policy),
 *     then `defineCollection<P, M>({ name: 'keys', label: 'Key', payloadCodec })` once
 *     (the codec turns the payload into JSON for backups, needed when P holds KeyObjects).
 *  2. In a route handler, `req.vault.store(spec)` returns this store for that vault.
 *  3. Call `create`, `getVersion`, `update`, `delete`, `getDeleted`, `recover`, `purge`,
 *     `backup`, `restore`, `listLatest`, `listVersions`, `listDeleted`; every failure is a
 *     ServiceError with the service's status and codes (404 `KeyNotFound`, 409 with
 *     innererror `ObjectIsDeletedButRecoverable` / `ObjectIsBeingDeleted`, 403 on purge of a
 *     purge-protected vault). Render results with `attributesJson` and `deletionJson`, and
 *     page lists with `paginate` from paging.ts over `latestCursor`, `versionsCursor` or
 *     `deletedCursor`: live and deleted names are kept in sorted indexes, so a page is a walk
 *     from the skip token, O(page) whatever the vault's size.
 *
 * Time is read from the vault's clock on every call and state changes are computed lazily
 * (a delete becomes visible under /deleted* once `deleteDelayMs` has passed, a purge frees the
 * name after `purgeDelayMs`, deleted objects are purged at their scheduled purge date: see
 * deleted-objects.ts), so no timers need cleaning up. A delete or purge that a closed gate caught (gates.ts) stays
 * unfinished until the gate is released, whatever the delays say.
 */
import type { CollectionSpec } from './collection-spec.js';
import { badParameter, conflict } from './errors.js';
import { DeletedObjects } from './deleted-objects.js';
import type { GateCheck } from './gates.js';
import { decodeBackup, encodeBackup } from './object-backup.js';
import {
  deletedObjectNotFound,
  objectBeingDeleted,
  objectBeingPurged,
  objectDeletedButRecoverable,
  objectNotFound,
  purgeProtected,
} from './object-errors.js';
import { attributesJson, deletionJson } from './object-json.js';
import { isPurgeAllowed, isSoftDeleteEnabled } from './recovery-level.js';
import type { AttributesInput } from './request-validation.js';
import { checkObjectName, isVersionId, printable } from './request-validation.js';
import type { Cursor } from './paging.js';
import { SortedMap } from './sorted-index.js';
import type { StoreSettings } from './store-settings.js';
import type { DeletedObject, StoredObject, StoredVersion, VersionAttributes } from './stored-object.js';
import { newVersionId } from './stored-object.js';
import { versionsCursor } from './versions-cursor.js';

export interface CreateInput<P> {
  payload: P;
  attributes?: AttributesInput;
  tags?: Record<string, string>;
  /** For seeds and restores: a fixed version id and creation time (epoch seconds). */
  versionId?: string;
  createdAt?: number;
}

export interface UpdateInput<P> {
  attributes?: AttributesInput;
  tags?: Record<string, string>;
  payload?: (current: P) => P;
}

export class ObjectStore<P, M = undefined> {
  /** Live objects by lower-cased name, kept sorted: what list pages walk. */
  private readonly live = new SortedMap<StoredObject<P, M>>();
  private readonly deleted: DeletedObjects<P, M>;

  constructor(
    readonly spec: CollectionSpec<P, M>,
    private readonly settings: () => StoreSettings,
    private readonly clock: () => number = Date.now,
    private readonly gates?: GateCheck,
  ) {
    this.deleted = new DeletedObjects(settings, clock, gates);
  }

  private get label(): string {
    return this.spec.label;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Throws the 409 the service gives when a name is taken by a deleted or deleting object. */
  private checkNameFree(name: string, key: string): void {
    if (this.deleted.isPurging(key)) throw objectBeingDeleted(this.label, name);
    const entry = this.deleted.get(key);
    if (!entry) return;
    if (this.deleted.beingDeleted(entry) || entry.purge) throw objectBeingDeleted(this.label, name);
    throw objectDeletedButRecoverable(this.label, name);
  }

  /** Adds a version, creating the object when the name is free. */
  create(name: string, input: CreateInput<P>): { object: StoredObject<P, M>; version: StoredVersion<P> } {
    checkObjectName(name, this.label);
    this.deleted.sweep();
    const key = name.toLowerCase();
    let object = this.live.get(key);
    if (!object) {
      this.checkNameFree(name, key);
      object = { name, versions: [], meta: undefined };
      this.live.set(key, object);
    }
    const created = input.createdAt ?? this.nowSeconds();
    const attributes: VersionAttributes = { enabled: input.attributes?.enabled ?? true, created, updated: created };
    if (input.attributes?.nbf !== undefined) attributes.nbf = input.attributes.nbf;
    if (input.attributes?.exp !== undefined) attributes.exp = input.attributes.exp;
    const versionId = input.versionId ?? newVersionId();
    if (!isVersionId(versionId)) throw badParameter(`Version ids are 32 hexadecimal characters; '${printable(versionId)}' is not.`);
    const version: StoredVersion<P> = {
      version: versionId.toLowerCase(),
      payload: input.payload,
      attributes,
      tags: { ...(input.tags ?? {}) },
    };
    object.versions.push(version);
    return { object, version };
  }

  has(name: string): boolean {
    this.deleted.sweep();
    return this.live.has(name.toLowerCase());
  }

  getObject(name: string): StoredObject<P, M> {
    this.deleted.sweep();
    const object = this.live.get(name.toLowerCase());
    if (!object) throw objectNotFound(this.label, name);
    return object;
  }

  /** The given version, or the current one when `version` is empty. */
  getVersion(name: string, version = ''): StoredVersion<P> {
    const object = this.getObject(name);
    if (version === '') return object.versions[object.versions.length - 1];
    const wanted = version.toLowerCase();
    const found = object.versions.find((v) => v.version === wanted);
    if (!found) throw objectNotFound(this.label, name, version);
    return found;
  }

  update(name: string, version: string, input: UpdateInput<P>): StoredVersion<P> {
    const target = this.getVersion(name, version);
    const next: VersionAttributes = { ...target.attributes };
    if (input.attributes?.enabled !== undefined) next.enabled = input.attributes.enabled;
    if (input.attributes?.nbf !== undefined) next.nbf = input.attributes.nbf;
    if (input.attributes?.exp !== undefined) next.exp = input.attributes.exp;
    if (next.nbf !== undefined && next.exp !== undefined && next.nbf > next.exp) {
      throw badParameter(`'nbf' (not before) must not be later than 'exp' (expires).`);
    }
    next.updated = Math.max(this.nowSeconds(), next.created);
    target.attributes = next;
    if (input.tags !== undefined) target.tags = { ...input.tags };
    if (input.payload) target.payload = input.payload(target.payload);
    return target;
  }

  setMeta(name: string, meta: M | undefined): void {
    this.getObject(name).meta = meta;
  }

  /** Live objects sorted by name (case aside), each with its current version. */
  listLatest(): { object: StoredObject<P, M>; latest: StoredVersion<P> }[] {
    this.deleted.sweep();
    return this.live.values().map((object) => ({ object, latest: object.versions[object.versions.length - 1] }));
  }

  /** The live objects by name (case aside), each with its current version; the token is the lower-cased name. */
  latestCursor(): Cursor<{ object: StoredObject<P, M>; latest: StoredVersion<P> }> {
    this.deleted.sweep();
    return {
      token: (entry) => entry.object.name.toLowerCase(),
      forEachAfter: (after, visit) =>
        this.live.forEachAfter(after, (object) => visit({ object, latest: object.versions[object.versions.length - 1] })),
    };
  }

  /** Every version of a live object, oldest first. */
  listVersions(name: string): StoredVersion<P>[] {
    return [...this.getObject(name).versions];
  }

  /** The versions of a live object, oldest first, as a list cursor (see versions-cursor.ts). */
  versionsCursor(name: string): Cursor<StoredVersion<P>> {
    return versionsCursor(this.getObject(name).versions);
  }

  delete(name: string): DeletedObject<P, M> {
    const object = this.getObject(name);
    const key = name.toLowerCase();
    const settings = this.settings();
    const now = this.clock();
    this.live.delete(key);
    const deletedDate = Math.floor(now / 1000);
    const recoverable = isSoftDeleteEnabled(settings.recoveryLevel);
    const heldBy = recoverable ? this.gates?.catch('delete', this.spec.name, object.name) : undefined;
    const entry: DeletedObject<P, M> = {
      object,
      deletedDate,
      scheduledPurgeDate: deletedDate + settings.recoverableDays * 86400,
      visibleAt: now + Math.max(0, settings.deleteDelayMs),
      recoverable,
      ...(heldBy && heldBy.length > 0 ? { heldBy } : {}),
    };
    if (entry.recoverable) this.deleted.add(key, entry);
    return entry;
  }

  /** Puts an object straight into the deleted state, e.g. for seeds; `deletedDate` in epoch seconds. */
  insertDeleted(object: StoredObject<P, M>, deletedDate: number): DeletedObject<P, M> {
    checkObjectName(object.name, this.label);
    const key = object.name.toLowerCase();
    this.deleted.sweep();
    if (this.live.has(key)) throw conflict(`${this.label} ${object.name} already exists.`);
    this.checkNameFree(object.name, key);
    const entry: DeletedObject<P, M> = {
      object,
      deletedDate,
      scheduledPurgeDate: deletedDate + this.settings().recoverableDays * 86400,
      visibleAt: 0,
      recoverable: true,
    };
    this.deleted.add(key, entry);
    return entry;
  }

  /** A deleted object whose delete has finished; 404 while it is still being deleted. */
  getDeleted(name: string): DeletedObject<P, M> {
    this.deleted.sweep();
    const entry = this.deleted.get(name.toLowerCase());
    if (!entry || this.deleted.beingDeleted(entry)) throw deletedObjectNotFound(this.label, name);
    return entry;
  }

  listDeleted(): DeletedObject<P, M>[] {
    const out: DeletedObject<P, M>[] = [];
    this.deletedCursor().forEachAfter(null, (entry) => out.push(entry) > 0);
    return out;
  }

  /** Deleted objects whose delete has finished, by name (case aside); the token is the lower-cased name. */
  deletedCursor(): Cursor<DeletedObject<P, M>> {
    this.deleted.sweep();
    return {
      token: (entry) => entry.object.name.toLowerCase(),
      forEachAfter: (after, visit) => this.deleted.forEachFinishedAfter(after, visit),
    };
  }

  recover(name: string): StoredObject<P, M> {
    this.deleted.sweep();
    const key = name.toLowerCase();
    const entry = this.deleted.get(key);
    if (!entry) throw deletedObjectNotFound(this.label, name);
    if (this.deleted.beingDeleted(entry)) throw objectBeingDeleted(this.label, name);
    if (entry.purge) throw objectBeingPurged(this.label, name);
    this.deleted.remove(key);
    this.live.set(key, entry.object);
    return entry.object;
  }

  purge(name: string): void {
    this.deleted.sweep();
    const key = name.toLowerCase();
    const settings = this.settings();
    const entry = this.deleted.get(key);
    if (!entry) throw deletedObjectNotFound(this.label, name);
    if (!isPurgeAllowed(settings.recoveryLevel)) throw purgeProtected();
    if (this.deleted.beingDeleted(entry)) throw objectBeingDeleted(this.label, name);
    if (entry.purge) throw objectBeingPurged(this.label, name);
    this.deleted.purge(key, entry, this.gates?.catch('purge', this.spec.name, entry.object.name) ?? []);
  }

  /** An opaque blob with every version and the metadata; it restores into any vault where the name is free. */
  backup(name: string): string {
    return encodeBackup(this.spec, this.getObject(name));
  }

  restore(blob: string): StoredObject<P, M> {
    const object = decodeBackup(this.spec, blob);
    const key = object.name.toLowerCase();
    this.deleted.sweep();
    if (this.live.has(key)) {
      throw conflict(`${this.label} ${object.name} already exists in this vault; restore needs the name to be free.`);
    }
    this.checkNameFree(object.name, key);
    this.live.set(key, object);
    return object;
  }

  /** The attributes as on the wire, with the vault's recovery settings (object-json.ts). */
  attributesJson(version: StoredVersion<P>): Record<string, unknown> {
    return attributesJson(version.attributes, this.settings());
  }

  /** `recoveryId`, `deletedDate`, `scheduledPurgeDate` for a deleted bundle or item; empty when not recoverable. */
  deletionJson(vaultUrl: string, entry: DeletedObject<P, M>): Record<string, unknown> {
    return deletionJson(vaultUrl, this.spec.name, entry);
  }
}
