// List enrichment: the list APIs do not say a key's type or a certificate's issuer (key items
// carry only kid/attributes/tags, certificate items only id/x5t/attributes/tags), so the rows
// the UI shows are looked up one by one. Bounded: only the ids the UI asks for (its visible
// window), at most `concurrency` requests at a time, each answer cached per item and version
// (a failure too, so a 403 on get is asked once and the cell stays "—" without an error).
// Cancellable: a newer window for the same list drops queued ids and aborts requests for ids
// that left it.
import { X509Certificate } from 'node:crypto';
import type { CertificatePolicy } from '@azure/keyvault-certificates';
import type { KeyVaultKey } from '@azure/keyvault-keys';
import type { CertificateIssuance, CollectionKind, CollectionState, ItemSummary } from './types.js';
import type { VaultSession } from './vault-session.js';

/** What enrichment adds to a summary: `keyType` for keys, `issuer` for certificates. */
export type EnrichableKind = Exclude<CollectionKind, 'secrets'>;

export function isEnrichable(kind: CollectionKind): kind is EnrichableKind {
  return kind !== 'secrets';
}

/** The field enrichment fills for a kind. */
export function enrichedField(kind: EnrichableKind): 'keyType' | 'issuer' {
  return kind === 'keys' ? 'keyType' : 'issuer';
}

/** Cache key of one item's version: the version when the list has it, else its update time (a new version updates it). */
export function enrichmentKey(item: ItemSummary): string {
  return `${item.id}|${item.version ?? item.updatedOn?.getTime() ?? ''}|${item.deletedOn ? 'deleted' : ''}`;
}

/** "RSA 2048", "RSA-HSM 4096", "EC P-256", "oct-HSM". */
export function describeKeyType(key: Pick<KeyVaultKey, 'key' | 'keyType'>): string | undefined {
  const type = key.keyType ?? key.key?.kty;
  if (!type) return undefined;
  const jwk = key.key;
  if (jwk?.crv) return `${type} ${jwk.crv}`;
  if (jwk?.n && jwk.n.length > 0) {
    let bytes = jwk.n.length;
    for (const b of jwk.n) {
      if (b !== 0) break;
      bytes--;
    }
    return `${type} ${bytes * 8}`;
  }
  return type;
}

/**
 * Who issued a certificate, as people name it: "Self" for self-signed, else the issuing CA's
 * common name from the certificate ("DigiCert Global G2 TLS RSA SHA256 2020 CA1"), and before
 * issuance (or for a certificate node cannot parse) the policy's issuer ("Unknown", "digicert-emu").
 */
export function describeIssuer(cer: Uint8Array | undefined, policy: CertificatePolicy | undefined): string | undefined {
  if (policy?.issuerName?.toLowerCase() === 'self') return 'Self';
  if (cer && cer.length > 0) {
    try {
      const x509 = new X509Certificate(Buffer.from(cer));
      if (x509.issuer === x509.subject) return 'Self';
      const name = /^CN=(.+)$/m.exec(x509.issuer) ?? /^O=(.+)$/m.exec(x509.issuer);
      if (name) return name[1];
    } catch {
      // Not a certificate node can parse: fall back to the policy.
    }
  }
  return policy?.issuerName || undefined;
}

/** One item's enrichment through its vault's client; undefined when the service gives nothing to show. */
export async function fetchEnrichment(session: VaultSession, item: ItemSummary, abortSignal: AbortSignal): Promise<string | undefined> {
  const request = { abortSignal };
  const deleted = item.deletedOn !== undefined;
  if (item.kind === 'keys') {
    const key = deleted ? await session.keys().getDeletedKey(item.name, request) : await session.keys().getKey(item.name, request);
    return describeKeyType(key);
  }
  const client = session.certificates();
  const cert = deleted ? await client.getDeletedCertificate(item.name, request) : await client.getCertificate(item.name, request);
  const issuer = describeIssuer(cert.cer, cert.policy);
  if (deleted || (cert.cer && cert.cer.length > 0)) return issuer;
  // Not issued: the pending operation tells "being issued" from "cancelled" and "failed".
  let state: CertificateIssuance = 'pending';
  try {
    const status = (await client.getCertificateOperation(item.name, request)).getOperationState().certificateOperation?.status?.toLowerCase();
    if (status === 'cancelled' || status === 'failed') state = status;
  } catch {
    // No operation to read (or no permission): it stays "pending".
  }
  return withIssuance(issuer ?? '', state);
}

/** A certificate's enrichment carries its issuance state after the issuer: "Self\ncancelled". */
const ISSUANCE = /\n(pending|cancelled|failed)$/;

function withIssuance(issuer: string, state: CertificateIssuance): string {
  return `${issuer}\n${state}`;
}

/** The issuer and, for a certificate not issued, its state, from an enrichment value. */
export function splitEnrichment(value: string): { value: string | undefined; issuance?: CertificateIssuance } {
  const m = ISSUANCE.exec(value);
  if (!m) return { value };
  const rest = value.slice(0, m.index);
  return { value: rest === '' ? undefined : rest, issuance: m[1] as CertificateIssuance };
}

/**
 * A collection with enrichment answers merged in: only the items answered change (a new object
 * each), every other item keeps its reference; the collection itself is returned as is when
 * nothing changed. An answer for an older version than the one listed is ignored.
 */
export function mergeEnrichment(c: CollectionState, kind: CollectionKind, results: ReadonlyMap<string, { key: string; value: string }>): CollectionState {
  if (!isEnrichable(kind)) return c;
  const field = enrichedField(kind);
  let changed = false;
  const items = c.items.map((item) => {
    const result = results.get(item.id);
    if (!result || enrichmentKey(item) !== result.key) return item;
    const { value, issuance } = splitEnrichment(result.value);
    if (item[field] === value && (issuance === undefined || item.issuance === issuance)) return item;
    changed = true;
    const next: ItemSummary = { ...item };
    if (value !== undefined) next[field] = value;
    if (issuance) next.issuance = issuance;
    return next;
  });
  return changed ? { ...c, items } : c;
}

interface Job {
  key: string;
  listKey: string;
  item: ItemSummary;
  session: VaultSession;
}

export interface EnricherOptions {
  concurrency: number;
  /** Fetches one item's enrichment (fetchEnrichment in the store; tests may count calls). */
  fetch(session: VaultSession, item: ItemSummary, abortSignal: AbortSignal): Promise<string | undefined>;
  /** Answers that arrived since the last call, by item id, for one list; the store merges them into its snapshot. */
  apply(listKey: string, results: ReadonlyMap<string, { key: string; value: string }>): void;
}

export interface Enricher {
  /** Wants these items of one list (`listKey` names vault, view and kind) enriched; replaces that list's previous wish. */
  request(listKey: string, session: VaultSession, items: readonly ItemSummary[]): void;
  /** The item with its cached value filled in (the same object when there is nothing to add). */
  withCached(item: ItemSummary): ItemSummary;
  /**
   * Forgets what is known about one item (by versionless id), for when kvx itself changed it:
   * list timestamps have one-second resolution, so a new version made within the second of
   * the last lookup would otherwise keep the old answer.
   */
  forget(itemId: string): void;
  /** Drops every wish and aborts every request for one list (the user left it), or for all lists. */
  cancel(listKey?: string): void;
  /** Requests sent so far (for tests and measurements). */
  readonly fetched: number;
}

export function createEnricher(options: EnricherOptions): Enricher {
  /** Value per item version; null: asked and nothing to show (or refused). */
  const cache = new Map<string, string | null>();
  const queue: Job[] = [];
  const running = new Map<string, { job: Job; controller: AbortController }>();
  const pending = new Map<string, Map<string, { key: string; value: string }>>();
  let flushScheduled = false;
  let fetched = 0;

  function flush(): void {
    flushScheduled = false;
    const batches = [...pending];
    pending.clear();
    for (const [listKey, results] of batches) options.apply(listKey, results);
  }

  function deliver(job: Job, value: string): void {
    let results = pending.get(job.listKey);
    if (!results) pending.set(job.listKey, (results = new Map()));
    results.set(job.item.id, { key: job.key, value });
    // Answers that arrive together become one snapshot, not one per row.
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  }

  function pump(): void {
    while (running.size < options.concurrency && queue.length > 0) {
      const job = queue.shift()!;
      if (cache.has(job.key) || running.has(job.key)) continue;
      const controller = new AbortController();
      running.set(job.key, { job, controller });
      fetched++;
      options.fetch(job.session, job.item, controller.signal).then(
        (value) => {
          if (controller.signal.aborted) return;
          cache.set(job.key, value ?? null);
          if (value !== undefined) deliver(job, value);
        },
        () => {
          // A refusal (403 on get), a vanished item or a network error: the cell stays "—"; the
          // list itself reports real trouble. Remembered so scrolling back does not ask again.
          if (!controller.signal.aborted) cache.set(job.key, null);
        },
      ).finally(() => {
        if (running.get(job.key)?.controller === controller) running.delete(job.key);
        pump();
      });
    }
  }

  function dropList(listKey: string, keep: ReadonlySet<string>): void {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].listKey === listKey && !keep.has(queue[i].key)) queue.splice(i, 1);
    for (const [key, run] of running) {
      if (run.job.listKey === listKey && !keep.has(key)) {
        run.controller.abort();
        running.delete(key);
      }
    }
  }

  return {
    request(listKey, session, items) {
      const wanted = new Set<string>();
      const jobs: Job[] = [];
      for (const item of items) {
        if (!isEnrichable(item.kind)) continue;
        const key = enrichmentKey(item);
        wanted.add(key);
        const hit = cache.get(key);
        if (hit !== undefined) {
          if (hit !== null && item[enrichedField(item.kind)] !== hit) deliver({ key, listKey, item, session }, hit);
          continue;
        }
        if (!running.has(key)) jobs.push({ key, listKey, item, session });
      }
      dropList(listKey, wanted);
      const queued = new Set(queue.map((j) => j.key));
      for (const job of jobs) if (!queued.has(job.key)) queue.push(job);
      pump();
    },
    withCached(item) {
      if (!isEnrichable(item.kind)) return item;
      const field = enrichedField(item.kind);
      const known = item[field] === undefined ? cache.get(enrichmentKey(item)) : undefined;
      if (!known) return item;
      const { value, issuance } = splitEnrichment(known);
      const next: ItemSummary = { ...item };
      if (value !== undefined) next[field] = value;
      if (issuance) next.issuance = issuance;
      return next;
    },
    forget(itemId) {
      const prefix = `${itemId.toLowerCase()}|`;
      for (const key of cache.keys()) if (key.toLowerCase().startsWith(prefix)) cache.delete(key);
    },
    cancel(listKey) {
      if (listKey === undefined) {
        queue.length = 0;
        for (const run of running.values()) run.controller.abort();
        running.clear();
        return;
      }
      dropList(listKey, new Set());
    },
    get fetched() {
      return fetched;
    },
  };
}
