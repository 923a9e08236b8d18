// The store's public shape: what the UI reads (snapshots) and calls (actions). The store is
// plain TypeScript with no React; the UI reads it through useSyncExternalStore with
// selectors. Snapshots are immutable: a slice keeps its reference while it is unchanged,
// so selector hooks re-render only the panes whose slice changed.

import type { AccessPolicyInput, ArmVaultInfo, DeletedVaultInfo, DeletedVaultsState, DiscoveryState, VaultCreateInput } from './arm/types.js';
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
  /** The service's (or the error's) own words, whole: one line, escaped, not cut as `message` may be. */
  fullMessage?: string;
  /** The request that failed, when one was sent: what the error view shows and a support ticket needs. */
  request?: FailedRequest;
  /** auth: every credential a chain (DefaultAzureCredential) tried, each with why it failed. */
  reasons?: readonly CredentialReason[];
}

export interface FailedRequest {
  method: string;
  /** Path of the URL, without the query; escaped. */
  path: string;
  host?: string;
  status?: number;
  /** The service's `x-ms-request-id`, which Azure support asks for. */
  requestId?: string;
}

export interface CredentialReason {
  credential: string;
  reason: string;
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
  /**
   * Certificates: where issuance stands. `issued` when the list shows a thumbprint; else
   * `pending` until the pending operation (looked up for the rows in view) says `cancelled`
   * or `failed`.
   */
  issuance?: CertificateIssuance;
  recoveryLevel?: string;
  recoverableDays?: number;
  /** Present in the deleted view. */
  deletedOn?: Date;
  scheduledPurgeDate?: Date;
  recoveryId?: string;
}

export type CertificateIssuance = 'issued' | 'pending' | 'cancelled' | 'failed';

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
  /** When the last page arrived (epoch ms, the store's clock): "as of 2 min ago". */
  loadedAt?: number;
}

export interface VaultInfo {
  name: string;
  url: string;
  /** The demo's and `kvx emulator`'s vaults. */
  local: boolean;
  /** What ARM says about the vault, once discovery (or a lifecycle operation) found it. */
  arm?: ArmVaultInfo;
  /** Why it is listed without discovery: named on the command line / config, pinned, or recently opened. */
  origin?: 'named' | 'pinned' | 'recent' | 'discovered';
  /** Pinned by the user: listed at every start (config file "pinned"). */
  pinned?: boolean;
}

// The ARM shapes live in arm/types.ts; re-exported for the UI, which reads them with the rest of the snapshot.
export type {
  AccessPolicyEntry,
  AccessPolicyInput,
  ArmVaultInfo,
  DeletedVaultInfo,
  DeletedVaultsState,
  DiscoveryState,
  SubscriptionInfo,
  VaultCreateInput,
} from './arm/types.js';

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
/** Each operation kind as people say it ("delete and purge"): status lines, refusals, the incident note. */
export const OPERATION_VERB: Readonly<Record<OperationKind, string>> = {
  create: 'create',
  delete: 'delete',
  recover: 'recover',
  purge: 'purge',
  deleteAndPurge: 'delete and purge',
  import: 'import',
  rotate: 'rotate',
  update: 'update',
};

export type OperationState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'abandoned' | 'unconfirmed';

/** What an operation acts on: items of a collection, or whole vaults (through ARM). */
export type OperationSubject = CollectionKind | 'vaults';

export interface Operation {
  id: string;
  kind: OperationKind;
  collection: OperationSubject;
  /** The vault's display name. */
  vault: string;
  /** The vault's URL: what identifies it (names can repeat across clouds). */
  vaultUrl: string;
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
  /** The Azure CLI command that does the same, for `:az` and the incident note; never holds a value. */
  az?: string;
}

export interface IdentityInfo {
  /** What the status bar shows: upn, app name or object id. */
  display: string;
  tenantId?: string;
  objectId?: string;
  /** Credential that produced the token, e.g. "ManagedIdentityCredential". */
  credential?: string;
}

/** A certificate's renewal, looked up for the expiry radar (see renewal-loads.ts). */
export type RenewalState = { status: 'loading' | 'error' } | { status: 'done'; issuer?: string; autoRenew?: boolean };

/** Every version of one item, listed for the expiry radar's old versions. */
export type VersionListState = { status: 'loading' | 'error' } | { status: 'done'; versions: readonly ItemSummary[] };

export interface StoreSnapshot {
  vaults: readonly VaultState[];
  discovery: DiscoveryState;
  /** The deleted-vaults view (loaded on demand). */
  deletedVaults: DeletedVaultsState;
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
  /** Certificates' renewal by item id, for the expiry radar. */
  renewals?: Readonly<Record<string, RenewalState>>;
  /** Items' versions by item id, for the expiry radar's old versions (`:expiring DAYS versions`). */
  versionLists?: Readonly<Record<string, VersionListState>>;
}

/** The mutating actions (create, delete, recover, purge, …) are documented in mutations/mutation-actions.ts. */
export interface Store extends MutationActions {
  getSnapshot(): StoreSnapshot;
  subscribe(listener: () => void): () => void;

  /**
   * Starts (or restarts with `refresh`) loading a collection; cancels a previous load of it.
   * `vault` is the vault's URL (never its name: two open vaults may share one). Without `refresh`, a complete or loading collection is
   * left alone and a cancelled one continues (pages are fetched again from the
   * start, since the SDK does not expose where it stopped, and only new items are added). A throttled load retries by itself
   * after Retry-After (status `error` with class `throttled` meanwhile). `scan`: loaded for
   * `:find` or `:expiring`, not opened by the user, so not remembered as a recent vault.
   */
  loadCollection(vault: string, kind: CollectionKind, options?: { deleted?: boolean; refresh?: boolean; scan?: boolean }): void;
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
  /**
   * Opens an item by its exact name without listing, so an identity with get but no list
   * permission can still read it: GETs it into `details[id]` as loadDetails does (404 and 403
   * land there as the details' error). A loaded row of that name (any case) is used as is.
   * Returns the item as known so far; throws an ActionRefusedError for a name Key Vault
   * cannot have.
   */
  openByName(vault: string, kind: CollectionKind, name: string): ItemSummary;
  /** Fetches and exposes a secret value until `hideAt` (default 30 s) or hideSecret(). */
  revealSecret(item: ItemSummary, options?: { version?: string; hideAfterMs?: number }): Promise<void>;
  hideSecret(): void;
  /**
   * Fetches a secret value for the caller only (copy to the clipboard): it never enters the
   * snapshot. Rejects with an ActionRefusedError carrying the classified error.
   */
  readSecretValue(item: ItemSummary, options?: { version?: string }): Promise<string>;
  /**
   * Loads the lists of many vaults (`:find`, `:expiring`): a few at a time overall and per
   * vault, into the same collections the explorer shows; complete ones are kept unless
   * `refresh`. Vaults default to every open one, kinds to all three.
   */
  scanVaults(request?: { vaults?: readonly string[]; kinds?: readonly CollectionKind[]; refresh?: boolean }): void;
  /** Starts no more scan loads (running ones finish). */
  stopScan(): void;
  /** Looks up issuer and auto-renewal for these certificates, once each (into `renewals`). */
  loadRenewals(items: readonly ItemSummary[]): void;
  /** Lists every version of these items, once each (into `versionLists`). */
  loadVersionLists(items: readonly ItemSummary[]): void;
  /** Throws a UsageError (message for people) for a bad name or URL; an open vault is returned as is. */
  addVault(nameOrUrl: string): VaultInfo;
  /**
   * Lists the vaults the identity can see through ARM in the background (restarting a running
   * discovery): progress and outcome in `discovery`, found vaults added to `vaults`. Does
   * nothing when the store has no ARM endpoint.
   */
  discoverVaults(): void;
  /** Pins or unpins an open vault (remembered in the config file); returns whether it is pinned now. */
  togglePin(vaultUrl: string): boolean;
  /** Whether a vault name can be taken (ARM checkNameAvailability); never rejects (a failure is `available: undefined`). */
  checkVaultName(name: string, subscriptionId?: string): Promise<{ available?: boolean; message?: string }>;
  /** Creates a vault through ARM (long-running: provisioning state live); the new vault is added and listed. */
  createVault(input: VaultCreateInput): string;
  /** Deletes (soft-deletes) a vault; it then shows in the deleted-vaults view. */
  deleteVault(vaultUrl: string): string;
  /** Loads `deletedVaults` from every known subscription. */
  loadDeletedVaults(): void;
  recoverVault(vault: DeletedVaultInfo): string;
  /** Purges a deleted vault; the operation runs until ARM says the purge finished (minutes on the service). */
  purgeVault(vault: DeletedVaultInfo): string;
  /** Reads the vault's ARM facts again (its access policies); finds it through discovery when ARM has not described it yet. */
  refreshVaultArm(vaultUrl: string): void;
  /**
   * Changes the vault's access policies through vaults.updateAccessPolicy: `add` merges the
   * permissions into the identity's policy, `replace` sets them, `remove` takes them away (the
   * policy goes when none are left). An operation; the vault's policies are read again after.
   */
  updateAccessPolicy(vaultUrl: string, kind: 'add' | 'replace' | 'remove', entry: AccessPolicyInput): string;
  dispose(): Promise<void>;
}
