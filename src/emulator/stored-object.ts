/**
 * The shape of what a collection stores: an object with its versions, and the record of a
 * deleted one. Apart from the store so collections and the backup codec can name these types
 * without depending on the store's behaviour.
 */
import { randomBytes } from 'node:crypto';

/** Epoch seconds, as on the wire. */
export interface VersionAttributes {
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

export interface StoredVersion<P> {
  readonly version: string;
  payload: P;
  attributes: VersionAttributes;
  tags: Record<string, string>;
}

export interface StoredObject<P, M> {
  /** The name as first created (lookups ignore case, as the service does). */
  readonly name: string;
  /** Oldest first; the last one is the current version. */
  versions: StoredVersion<P>[];
  meta: M | undefined;
}

export interface DeletedObject<P, M> {
  readonly object: StoredObject<P, M>;
  /** Epoch seconds. */
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
  /** Epoch ms at which the delete has finished and the object shows under /deleted*. */
  readonly visibleAt: number;
  /** False when the vault has no soft delete: the object is gone for good. */
  readonly recoverable: boolean;
  /** Gates (gates.ts) that hold the delete: it is unfinished until they are released. */
  readonly heldBy?: readonly number[];
  /** A purge accepted while a gate held it: the object shows until the gates are released. */
  purge?: { readonly startedAt: number; readonly heldBy: readonly number[] };
}

/** A new version id: 32 lowercase hex characters, as the service makes them. */
export function newVersionId(): string {
  return randomBytes(16).toString('hex');
}
