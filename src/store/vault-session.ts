// One vault's connection: a client per collection, each created on first use (most sessions
// never touch all three), with options that depend on where the vault lives. Lists come out
// as pages of ItemSummary so the store does not care which client produced them.
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import { isLoopbackHost } from '../config/vault-address.js';
import { errorBodyPolicy } from './error-body-policy.js';
import type { PrefetchingCredential } from './token-prefetch.js';
import { vaultTokenScope } from './token-prefetch.js';
import {
  certificateSummary,
  deletedCertificateSummary,
  deletedKeySummary,
  deletedSecretSummary,
  keySummary,
  secretSummary,
} from './item-summary.js';
import type { CollectionKind, ItemSummary, VaultInfo } from './types.js';

export interface RetryOptions {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
}

export interface ConnectionOptions {
  /** PEM CA trusted for loopback vaults only (a CA given per client replaces the system roots). */
  ca?: string;
  retryOptions?: RetryOptions;
  /** Extra pipeline policies, e.g. a test's request recorder. */
  additionalPolicies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
}

export interface ClientOptions {
  tlsOptions?: { ca: string };
  disableChallengeResourceVerification?: boolean;
  allowInsecureConnection?: boolean;
  retryOptions?: RetryOptions;
  additionalPolicies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
  userAgentOptions: { userAgentPrefix: string };
}

/**
 * The SDK options for one vault. Real vaults get the defaults, including the check that the
 * challenge's resource matches the vault's host. A loopback vault (an emulator) cannot pass
 * that check, so it is relaxed there and only there, and the given CA is trusted for it.
 */
export function clientOptionsFor(vault: VaultInfo, options: ConnectionOptions = {}): ClientOptions {
  const url = new URL(vault.url);
  const out: ClientOptions = { userAgentOptions: { userAgentPrefix: 'kvx' } };
  if (isLoopbackHost(url.hostname)) {
    out.disableChallengeResourceVerification = true;
    if (options.ca) out.tlsOptions = { ca: options.ca };
    if (url.protocol === 'http:') out.allowInsecureConnection = true;
  }
  if (options.retryOptions) out.retryOptions = options.retryOptions;
  out.additionalPolicies = [{ policy: errorBodyPolicy, position: 'perCall' }, ...(options.additionalPolicies ?? [])];
  return out;
}

/**
 * One page of items. The SDK's public page iterators drop the nextLink (they map each page to
 * a new array), so whether more pages follow is known only when the iterator ends.
 */
export interface Page {
  items: ItemSummary[];
}

export interface PageRequest {
  deleted?: boolean;
  maxPageSize: number;
  abortSignal: AbortSignal;
}

export class VaultSession {
  private secretClient?: SecretClient;
  private keyClient?: KeyClient;
  private certificateClient?: CertificateClient;

  constructor(
    readonly info: VaultInfo,
    private readonly credential: TokenCredential & Partial<Pick<PrefetchingCredential, 'prefetch'>>,
    private readonly connection: ConnectionOptions = {},
  ) {}

  /** A client is made for a request about to go: its token is asked for beside the challenge (token-prefetch.ts). */
  private firstUse(): void {
    const scope = vaultTokenScope(this.info.url);
    if (scope) this.credential.prefetch?.(scope);
  }

  /** Whether a client of this kind exists yet (clients are made on first use). */
  hasClient(kind: CollectionKind): boolean {
    return Boolean(kind === 'secrets' ? this.secretClient : kind === 'keys' ? this.keyClient : this.certificateClient);
  }

  secrets(): SecretClient {
    if (!this.secretClient) this.firstUse();
    this.secretClient ??= new SecretClient(this.info.url, this.credential, clientOptionsFor(this.info, this.connection));
    return this.secretClient;
  }

  keys(): KeyClient {
    if (!this.keyClient) this.firstUse();
    this.keyClient ??= new KeyClient(this.info.url, this.credential, clientOptionsFor(this.info, this.connection));
    return this.keyClient;
  }

  certificates(): CertificateClient {
    if (!this.certificateClient) this.firstUse();
    this.certificateClient ??= new CertificateClient(this.info.url, this.credential, clientOptionsFor(this.info, this.connection));
    return this.certificateClient;
  }

  /** Pages of a collection (or its deleted view), as the service sends them. */
  pages(kind: CollectionKind, request: PageRequest): AsyncGenerator<Page> {
    const url = this.info.url;
    const list = { abortSignal: request.abortSignal };
    const settings = { maxPageSize: request.maxPageSize };
    if (kind === 'secrets') {
      const c = this.secrets();
      return request.deleted
        ? mapPages(c.listDeletedSecrets(list).byPage(settings), (d) => deletedSecretSummary(url, d))
        : mapPages(c.listPropertiesOfSecrets(list).byPage(settings), (p) => secretSummary(url, p));
    }
    if (kind === 'keys') {
      const c = this.keys();
      return request.deleted
        ? mapPages(c.listDeletedKeys(list).byPage(settings), (d) => deletedKeySummary(url, d))
        : mapPages(c.listPropertiesOfKeys(list).byPage(settings), (p) => keySummary(url, p));
    }
    const c = this.certificates();
    return request.deleted
      ? mapPages(c.listDeletedCertificates(list).byPage(settings), (d) => deletedCertificateSummary(url, d))
      : // Pending certificates (being issued, or waiting for a merge) are what an operator looks for.
        mapPages(c.listPropertiesOfCertificates({ ...list, includePending: true }).byPage(settings), (p) => certificateSummary(url, p));
  }

  /** Pages of one item's versions (order as the service sends them). */
  versionPages(kind: CollectionKind, name: string, request: PageRequest): AsyncGenerator<Page> {
    const url = this.info.url;
    const list = { abortSignal: request.abortSignal };
    const settings = { maxPageSize: request.maxPageSize };
    if (kind === 'secrets') return mapPages(this.secrets().listPropertiesOfSecretVersions(name, list).byPage(settings), (p) => secretSummary(url, p));
    if (kind === 'keys') return mapPages(this.keys().listPropertiesOfKeyVersions(name, list).byPage(settings), (p) => keySummary(url, p));
    return mapPages(this.certificates().listPropertiesOfCertificateVersions(name, list).byPage(settings), (p) =>
      certificateSummary(url, { ...p, name }),
    );
  }
}

async function* mapPages<T>(paged: AsyncIterable<T[]>, map: (item: T) => ItemSummary): AsyncGenerator<Page> {
  for await (const page of paged) yield { items: page.map(map) };
}
