// The store's public shape: what the UI reads (snapshots) and calls (actions). The store is
// plain TypeScript with no React; the UI reads it through useSyncExternalStore with
// selectors. Snapshots are immutable: a slice keeps its reference while it is unchanged,
// so selector hooks re-render only the panes whose slice changed.

import type { MutationActions } from './mutations/mutation-actions.js';
import type { SignInState } from './sign-in.js';

export type CollectionKind = 'keys' | 'secrets' | 'certificates';

/** Errors are classified once, here; the UI renders the class, never a stack trace. */
export type ErrorClass = 'forbidden' | 'notFound' | 'conflict' | 'throttled' | 'network' | 'auth' | 'invalid' | 'readOnly' | 'unknown';

export interface ClassifiedError {
  class: ErrorClass;
  /** One line for people, already free of control characters. */
  message: string;
  status?: number;
  /** Service error code and inner code, e.g. "Forbidden" / "AccessDenied", "Conflict" / "ObjectIsDeletedButRecoverable". */
  code?: string;
  innerCode?: string;
  /** forbidden: the missing permission as the service names it, e.g. "list" on "secrets". */
  permission?: { action: string; collection: CollectionKind };
  /** forbidden: who was refused (identity name, upn or object id), when known. */
  caller?: string;
  /** throttled: when the next retry happens; absent once the retries are spent. */
  retryAfterMs?: number;
  /** auth: which credential failed. */
  credential?: string;
  /**
   * What the user can do next, as actions (the UI names the user's keys for them): a name held
   * by a deleted item can be recovered or purged; one being deleted frees up after a wait.
   */
  next?: readonly NextAction[];
}

export type NextAction = 'recover' | 'purge' | 'retryLater';

export interface ItemSummary {
  kind: CollectionKind;
  /** Full id without version for lists (`https://vault/secrets/name`). */
  id: string;
  name: string;
  vaultUrl: string;
  version?: string;
  enabled?: boolean;
  createdOn?: Date;
  updatedOn?: Date;
  notBefore?: Date;
  expiresOn?: Date;
  tags: Readonly<Record<string, string>>;
  /** secrets: content type. */
  contentType?: string;
  /** keys: key type (RSA, EC, oct-HSM…). */
  keyType?: string;
  /** certificates: the issuer when known ("Self", "DigiCert"). */
  issuer?: string;
  /** Set for keys and secrets that back a certificate. */
  managed?: boolean;
  recoveryLevel?: string;
  recoverableDays?: number;
  /** Present in the deleted view. */
  deletedOn?: Date;
  scheduledPurgeDate?: Date;
  recoveryId?: string;
}

export type LoadStatus = 'idle' | 'loading' | 'partial' | 'complete' | 'error';

/**
 * A collection loads page by page: `partial` once the first page is in and more are coming,
 * `complete` when the last page arrived. `error` keeps the items already loaded.
 */
export interface CollectionState {
  status: LoadStatus;
  items: readonly ItemSummary[];
  pagesLoaded: number;
  error?: ClassifiedError;
  /** Monotonic; bumps on every change so caches keyed on it stay valid. */
  revision: number;
  /** cancelLoad() stopped it before the last page; loadCollection() then continues it, keeping the items shown. */
  cancelled?: boolean;
}

export interface VaultInfo {
  name: string;
  url: string;
  /** The demo's and `kvx emulator`'s vaults. */
  local: boolean;
}

export interface VaultState extends VaultInfo {
  collections: Readonly<Record<CollectionKind, CollectionState>>;
  deleted: Readonly<Record<CollectionKind, CollectionState>>;
}

export interface KeyDetails {
  keyType: string;
  keySize?: number;
  curve?: string;
  keyOps: readonly string[];
  /** SubjectPublicKeyInfo PEM built from the public JWK; absent for oct keys. */
  publicKeyPem?: string;
}

export interface CertificateDetails {
  subject?: string;
  issuer?: string;
  sans: readonly string[];
  serialNumber?: string;
  thumbprintSha1?: string;
  thumbprintSha256?: string;
  validFrom?: Date;
  validTo?: Date;
  keyUsage: readonly string[];
  extendedKeyUsage: readonly string[];
  /** The certificate as PEM (public part only). */
  pem?: string;
  /** The policy as the service returned it, flattened to display pairs. */
  policy: readonly (readonly [string, string])[];
  pending?: { status: string; statusDetails?: string };
}

export interface ItemDetails extends ItemSummary {
  key?: KeyDetails;
  certificate?: CertificateDetails;
}

export interface DetailsState {
  status: LoadStatus;
  item?: ItemDetails;
  /** Versions, newest first. */
  versions: CollectionState;
  error?: ClassifiedError;
}

/** A secret value fetched for display; cleared when hidden or after its deadline. */
export interface RevealedSecret {
  itemId: string;
  version?: string;
  value: string;
  hideAt: number;
}

export type OperationKind = 'create' | 'delete' | 'recover' | 'purge' | 'deleteAndPurge' | 'import' | 'rotate' | 'update';
/**
 * `unconfirmed`: the service accepted the request (DELETE 200, recover 200, purge 204) but
 * following it failed (503s, a reset), so whether it has finished is not known; a re-check
 * (recheckOperations) finds out.
 */
export type OperationState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'abandoned' | 'unconfirmed';

export interface Operation {
  id: string;
  kind: OperationKind;
  collection: CollectionKind;
  vault: string;
  target: string;
  state: OperationState;
  /** The service's words for the current step: "deleting", "inProgress", "purging", "recovered"… */
  detail: string;
  startedAt: number;
  updatedAt: number;
  /** What the last poll answered, e.g. "GET deletedsecrets/x → 404". */
  lastPoll?: string;
  error?: ClassifiedError;
  cancellable: boolean;
}

export interface IdentityInfo {
  /** What the status bar shows: upn, app name or object id. */
  display: string;
  tenantId?: string;
  objectId?: string;
  /** Credential that produced the token, e.g. "ManagedIdentityCredential". */
  credential?: string;
}

export interface StoreSnapshot {
  vaults: readonly VaultState[];
  identity?: IdentityInfo;
  /** A sign-in (getToken) is pending: what signs in and since when. */
  signIn?: SignInState;
  /** Keyed by item id (versionless) or versioned id for a specific version. */
  details: Readonly<Record<string, DetailsState>>;
  revealed?: RevealedSecret;
  /** A reveal in flight: which item (and version) is being fetched. */
  revealing?: { itemId: string; version?: string };
  /** Why the last revealSecret() failed (revealSecret itself never rejects); cleared by the next reveal or hide. */
  revealError?: { itemId: string; error: ClassifiedError };
  operations: readonly Operation[];
  readOnly: boolean;
}

/** The mutating actions (create, delete, recover, purge, …) are documented in mutations/mutation-actions.ts. */
export interface Store extends MutationActions {
  getSnapshot(): StoreSnapshot;
  subscribe(listener: () => void): () => void;

  /**
   * Starts (or restarts with `refresh`) loading a collection; cancels a previous load of it.
   * `vault` is a vault's URL or name. Without `refresh`, a complete or loading collection is
   * left alone and a cancelled one continues (pages are fetched again from the
   * start, since the SDK does not expose where it stopped, and only new items are added). A throttled load retries by itself
   * after Retry-After (status `error` with class `throttled` meanwhile).
   */
  loadCollection(vault: string, kind: CollectionKind, options?: { deleted?: boolean; refresh?: boolean }): void;
  /** Stops loading (e.g. the user left the pane); items already loaded stay. */
  cancelLoad(vault: string, kind: CollectionKind, options?: { deleted?: boolean }): void;
  /**
   * Looks up what the list APIs leave out for these items of a loaded collection (the rows in
   * view): a key's type and size or curve into `keyType` ("RSA 2048", "EC P-256"), a
   * certificate's issuer into `issuer` ("Self", "DigiCert"). At most a few requests at a
   * time, cached per item version; a newer call for the same list replaces this one (ids no
   * longer asked for are dropped or aborted). Failures leave the field unset, without an error.
   * Secrets have nothing to add.
   */
  enrichItems(vault: string, kind: CollectionKind, ids: readonly string[], options?: { deleted?: boolean }): void;
  /** Details land in `details[item.id]`, or `details[\`${item.id}/${version}\`]` for one version (see detailsKey()). */
  loadDetails(item: ItemSummary, options?: { version?: string; refresh?: boolean }): void;
  /** Fetches and exposes a secret value until `hideAt` (default 30 s) or hideSecret(). */
  revealSecret(item: ItemSummary, options?: { version?: string; hideAfterMs?: number }): Promise<void>;
  hideSecret(): void;
  /**
   * Fetches a secret value for the caller only (copy to the clipboard): it never enters the
   * snapshot. Rejects with an ActionRefusedError carrying the classified error.
   */
  readSecretValue(item: ItemSummary, options?: { version?: string }): Promise<string>;
  /** Throws a UsageError (message for people) for a bad name or URL; an open vault is returned as is. */
  addVault(nameOrUrl: string): VaultInfo;
  dispose(): Promise<void>;
}
