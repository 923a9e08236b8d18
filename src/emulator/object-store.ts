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
 * name after `purgeDelayMs`, deleted objects are purged at their scheduled purge date), so no
 * timers need cleaning up. A delete or purge that a closed gate caught (gates.ts) stays
 * unfinished until the gate is released, whatever the delays say.
 */
import type { CollectionSpec } from './collection-spec.js';
import type { ServiceError } from './errors.js';
import { badParameter, conflict, forbidden, notFound } from './errors.js';
import type { GateCheck } from './gates.js';
import { decodeBackup, encodeBackup } from './object-backup.js';
import type { RecoveryLevel } from './recovery-level.js';
import { isPurgeAllowed, isSoftDeleteEnabled } from './recovery-level.js';
import type { AttributesInput } from './request-validation.js';
import { checkObjectName, isVersionId, printable } from './request-validation.js';
import type { Cursor } from './paging.js';
import { SortedMap } from './sorted-index.js';
import type { DeletedObject, StoredObject, StoredVersion, VersionAttributes } from './stored-object.js';
import { newVersionId } from './stored-object.js';
import { versionsCursor } from './versions-cursor.js';

/** The vault-wide settings a store reads on every call (so they can change at run time). */
export interface StoreSettings {
  recoveryLevel: RecoveryLevel;
  recoverableDays: number;
  /** How long a deleted object stays invisible (404 both live and under /deleted*). */
  deleteDelayMs: number;
  /** How long a purge takes; the name stays taken meanwhile. */
  purgeDelayMs: number;
}

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
  /** Live and deleted objects by lower-cased name, kept sorted: what list pages walk. */
  private readonly live = new SortedMap<StoredObject<P, M>>();
  private readonly deleted = new SortedMap<DeletedObject<P, M>>();
  /** Names whose purge is still running → epoch ms when it completes. */
  private readonly purging = new Map<string, number>();
  /** Epoch ms of the earliest purge (finished or scheduled) still to apply; sweeps before it do nothing. */
  private nextDueMs = Infinity;
  /** Deleted objects whose purge a gate holds (gates.ts); they go once it is released. */
  private readonly heldPurges = new Set<string>();

  constructor(
    readonly spec: CollectionSpec<P, M>,
    private readonly settings: () => StoreSettings,
    private readonly clock: () => number = Date.now,
    private readonly gates?: GateCheck,
  ) {}

  private get label(): string {
    return this.spec.label;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Applies the state changes that time and released gates have made due: finished purges, scheduled purges. */
  private sweep(): void {
    const now = this.clock();
    // Purges a gate held finish on release, not on the clock: checked apart (usually none).
    for (const key of this.heldPurges) {
      const entry = this.deleted.get(key);
      if (!entry?.purge) {
        this.heldPurges.delete(key);
      } else if (this.passed(entry.purge.heldBy)) {
        this.heldPurges.delete(key);
        this.deleted.delete(key);
        this.startPurging(key, entry.purge.startedAt);
      }
    }
    // Every call sweeps: only walk the maps when something is due, so a call stays O(1).
    if (now < this.nextDueMs) return;
    let next = Infinity;
    for (const [key, doneAt] of this.purging) {
      if (doneAt <= now) this.purging.delete(key);
      else next = Math.min(next, doneAt);
    }
    for (const [key, entry] of [...this.deleted.entries()]) {
      if (entry.purge) continue; // a held purge ends on release (above)
      if (entry.scheduledPurgeDate * 1000 <= now) this.deleted.delete(key);
      else next = Math.min(next, entry.scheduledPurgeDate * 1000);
    }
    this.nextDueMs = next;
  }

  private due(atMs: number): void {
    this.nextDueMs = Math.min(this.nextDueMs, atMs);
  }

  private setDeleted(key: string, entry: DeletedObject<P, M>): void {
    this.deleted.set(key, entry);
    this.due(entry.scheduledPurgeDate * 1000);
  }

  private passed(heldBy: readonly number[] | undefined): boolean {
    return this.gates?.passed(heldBy) ?? true;
  }

  /** True while the delete has not finished: its delay has not passed or a gate holds it. */
  private beingDeleted(entry: DeletedObject<P, M>): boolean {
    return entry.visibleAt > this.clock() || !this.passed(entry.heldBy);
  }

  /** The name stays taken for `purgeDelayMs` from the purge request. */
  private startPurging(key: string, startedAt: number): void {
    const delay = Math.max(0, this.settings().purgeDelayMs);
    if (delay > 0) {
      this.purging.set(key, startedAt + delay);
      this.due(startedAt + delay);
    }
  }

  /** Throws the 409 the service gives when a name is taken by a deleted or deleting object. */
  private checkNameFree(name: string, key: string): void {
    if (this.purging.has(key)) {
      throw conflict(`${this.label} ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    }
    const entry = this.deleted.get(key);
    if (entry) {
      if (this.beingDeleted(entry) || entry.purge) {
        throw conflict(`${this.label} ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
      }
      throw conflict(
        `${this.label} ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the ${this.label.toLowerCase()} can only be recovered or purged.`,
        'ObjectIsDeletedButRecoverable',
      );
    }
  }

  private notFoundError(name: string, version?: string): ServiceError {
    const id = version ? `${name}/${version}` : name;
    return notFound(
      this.label,
      `A ${this.label.toLowerCase()} with (name/id) ${printable(id)} was not found in this key vault. If you recently deleted this ${this.label.toLowerCase()} you may be able to recover it using the correct recovery command.`,
    );
  }

  private deletedNotFound(name: string): ServiceError {
    return notFound(this.label, `Deleted ${this.label} not found: ${printable(name)}`);
  }

  /** Adds a version, creating the object when the name is free. */
  create(name: string, input: CreateInput<P>): { object: StoredObject<P, M>; version: StoredVersion<P> } {
    checkObjectName(name, this.label);
    this.sweep();
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
    this.sweep();
    return this.live.has(name.toLowerCase());
  }

  getObject(name: string): StoredObject<P, M> {
    this.sweep();
    const object = this.live.get(name.toLowerCase());
    if (!object) throw this.notFoundError(name);
    return object;
  }

  /** The given version, or the current one when `version` is empty. */
  getVersion(name: string, version = ''): StoredVersion<P> {
    const object = this.getObject(name);
    if (version === '') return object.versions[object.versions.length - 1];
    const wanted = version.toLowerCase();
    const found = object.versions.find((v) => v.version === wanted);
    if (!found) throw this.notFoundError(name, version);
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
    this.sweep();
    return this.live.values().map((object) => ({ object, latest: object.versions[object.versions.length - 1] }));
  }

  /** The live objects by name (case aside), each with its current version; the token is the lower-cased name. */
  latestCursor(): Cursor<{ object: StoredObject<P, M>; latest: StoredVersion<P> }> {
    this.sweep();
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
    if (entry.recoverable) this.setDeleted(key, entry);
    return entry;
  }

  /** Puts an object straight into the deleted state, e.g. for seeds; `deletedDate` in epoch seconds. */
  insertDeleted(object: StoredObject<P, M>, deletedDate: number): DeletedObject<P, M> {
    checkObjectName(object.name, this.label);
    const key = object.name.toLowerCase();
    this.sweep();
    if (this.live.has(key)) throw conflict(`${this.label} ${object.name} already exists.`);
    this.checkNameFree(object.name, key);
    const entry: DeletedObject<P, M> = {
      object,
      deletedDate,
      scheduledPurgeDate: deletedDate + this.settings().recoverableDays * 86400,
      visibleAt: 0,
      recoverable: true,
    };
    this.setDeleted(key, entry);
    return entry;
  }

  /** A deleted object whose delete has finished; 404 while it is still being deleted. */
  getDeleted(name: string): DeletedObject<P, M> {
    this.sweep();
    const entry = this.deleted.get(name.toLowerCase());
    if (!entry || this.beingDeleted(entry)) throw this.deletedNotFound(name);
    return entry;
  }

  listDeleted(): DeletedObject<P, M>[] {
    const out: DeletedObject<P, M>[] = [];
    this.deletedCursor().forEachAfter(null, (entry) => out.push(entry) > 0);
    return out;
  }

  /** Deleted objects whose delete has finished, by name (case aside); the token is the lower-cased name. */
  deletedCursor(): Cursor<DeletedObject<P, M>> {
    this.sweep();
    return {
      token: (entry) => entry.object.name.toLowerCase(),
      // Still being deleted: not listed yet, walk on.
      forEachAfter: (after, visit) => this.deleted.forEachAfter(after, (entry) => (this.beingDeleted(entry) ? true : visit(entry))),
    };
  }

  recover(name: string): StoredObject<P, M> {
    this.sweep();
    const key = name.toLowerCase();
    const entry = this.deleted.get(key);
    if (!entry) throw this.deletedNotFound(name);
    if (this.beingDeleted(entry)) {
      throw conflict(`${this.label} ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    }
    if (entry.purge) throw conflict(`${this.label} ${name} is currently being purged.`);
    this.deleted.delete(key);
    this.live.set(key, entry.object);
    return entry.object;
  }

  purge(name: string): void {
    this.sweep();
    const key = name.toLowerCase();
    const settings = this.settings();
    const entry = this.deleted.get(key);
    if (!entry) throw this.deletedNotFound(name);
    if (!isPurgeAllowed(settings.recoveryLevel)) {
      throw forbidden(
        `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.`,
      );
    }
    if (this.beingDeleted(entry)) {
      throw conflict(`${this.label} ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
    }
    if (entry.purge) throw conflict(`${this.label} ${name} is currently being purged.`);
    const heldBy = this.gates?.catch('purge', this.spec.name, entry.object.name) ?? [];
    if (heldBy.length > 0) {
      entry.purge = { startedAt: this.clock(), heldBy };
      this.heldPurges.add(key);
      return;
    }
    this.deleted.delete(key);
    this.startPurging(key, this.clock());
  }

  /** An opaque blob with every version and the metadata; it restores into any vault where the name is free. */
  backup(name: string): string {
    return encodeBackup(this.spec, this.getObject(name));
  }

  restore(blob: string): StoredObject<P, M> {
    const object = decodeBackup(this.spec, blob);
    const key = object.name.toLowerCase();
    this.sweep();
    if (this.live.has(key)) {
      throw conflict(`${this.label} ${object.name} already exists in this vault; restore needs the name to be free.`);
    }
    this.checkNameFree(object.name, key);
    this.live.set(key, object);
    return object;
  }

  /** The attributes as on the wire, with the vault's recovery settings. */
  attributesJson(version: StoredVersion<P>): Record<string, unknown> {
    const settings = this.settings();
    const a = version.attributes;
    const out: Record<string, unknown> = { enabled: a.enabled };
    if (a.nbf !== undefined) out.nbf = a.nbf;
    if (a.exp !== undefined) out.exp = a.exp;
    out.created = a.created;
    out.updated = a.updated;
    out.recoveryLevel = settings.recoveryLevel;
    out.recoverableDays = isSoftDeleteEnabled(settings.recoveryLevel) ? settings.recoverableDays : 0;
    return out;
  }

  /** `recoveryId`, `deletedDate`, `scheduledPurgeDate` for a deleted bundle or item; empty when not recoverable. */
  deletionJson(vaultUrl: string, entry: DeletedObject<P, M>): Record<string, unknown> {
    if (!entry.recoverable) return {};
    return {
      recoveryId: `${vaultUrl}/deleted${this.spec.name}/${entry.object.name}`,
      deletedDate: entry.deletedDate,
      scheduledPurgeDate: entry.scheduledPurgeDate,
    };
  }
}
