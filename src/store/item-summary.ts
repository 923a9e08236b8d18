// SDK models → ItemSummary, the one shape the UI lists. Ids are versionless (the version is
// its own field) so an item keeps its id across versions and views.
import type { CertificateProperties, DeletedCertificate } from '@azure/keyvault-certificates';
import type { DeletedKey, KeyProperties } from '@azure/keyvault-keys';
import type { DeletedSecret, SecretProperties } from '@azure/keyvault-secrets';
import type { CollectionKind, ItemSummary } from './types.js';

export function itemId(vaultUrl: string, kind: CollectionKind, name: string): string {
  return `${vaultUrl}/${kind}/${name}`;
}

interface CommonProperties {
  id?: string;
  name?: string;
  vaultUrl?: string;
  version?: string;
  enabled?: boolean;
  createdOn?: Date;
  updatedOn?: Date;
  notBefore?: Date;
  expiresOn?: Date;
  tags?: Record<string, string>;
  recoveryLevel?: string;
  recoverableDays?: number;
  managed?: boolean;
}

interface Deletion {
  deletedOn?: Date;
  scheduledPurgeDate?: Date;
  recoveryId?: string;
}

/** Most items have no tags: they share one empty object instead of holding their own. */
const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

// Content types and recovery levels repeat across thousands of items: keep one copy of each
// value (bounded: values past the cap are simply not shared).
const shared = new Map<string, string>();
function share(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < 1000) shared.set(value, value);
  return value;
}

// Times repeat: an item's update time is mostly its creation time, and items written together
// share their second. A Date is ~100 bytes and one more object for every full collection to
// mark (100,000 of them at 50,000 items, a fifth of the heap), so equal times share one Date,
// remembered in a fixed table by second. kvx never changes a Date.
const dates: (Date | undefined)[] = new Array<Date | undefined>(4096);
function shareDate(date: Date): Date {
  const t = date.getTime();
  const slot = Math.floor(t / 1000) & 4095;
  const known = dates[slot];
  if (known !== undefined && known.getTime() === t) return known;
  if (!Number.isNaN(t)) dates[slot] = date;
  return date;
}

/**
 * The versionless id: the SDK's own when it is that (a list item's id is), so the item keeps
 * the string the SDK already made (its name is a slice of it) rather than a second copy.
 */
function versionlessId(vaultUrl: string, kind: CollectionKind, name: string, given: string | undefined): string {
  const id = itemId(vaultUrl, kind, name);
  return given === id ? given : id;
}

function summary(kind: CollectionKind, vaultUrl: string, name: string, p: CommonProperties, deletion?: Deletion): ItemSummary {
  const tags = p.tags && Object.keys(p.tags).length > 0 ? { ...p.tags } : NO_TAGS;
  const out: ItemSummary = { kind, id: versionlessId(vaultUrl, kind, name, p.id), name, vaultUrl, tags };
  if (p.version) out.version = p.version;
  if (p.enabled !== undefined) out.enabled = p.enabled;
  if (p.createdOn) out.createdOn = shareDate(p.createdOn);
  if (p.updatedOn) out.updatedOn = shareDate(p.updatedOn);
  if (p.notBefore) out.notBefore = shareDate(p.notBefore);
  if (p.expiresOn) out.expiresOn = shareDate(p.expiresOn);
  if (p.recoveryLevel) out.recoveryLevel = share(p.recoveryLevel);
  if (p.recoverableDays !== undefined) out.recoverableDays = p.recoverableDays;
  if (p.managed) out.managed = true;
  if (deletion?.deletedOn) out.deletedOn = shareDate(deletion.deletedOn);
  if (deletion?.scheduledPurgeDate) out.scheduledPurgeDate = shareDate(deletion.scheduledPurgeDate);
  if (deletion?.recoveryId) out.recoveryId = deletion.recoveryId;
  return out;
}

export function secretSummary(vaultUrl: string, p: SecretProperties, deletion?: Deletion): ItemSummary {
  const out = summary('secrets', vaultUrl, p.name, p, deletion);
  if (p.contentType) out.contentType = share(p.contentType);
  return out;
}

export function deletedSecretSummary(vaultUrl: string, d: DeletedSecret): ItemSummary {
  return secretSummary(vaultUrl, d.properties, d.properties);
}

export function keySummary(vaultUrl: string, p: KeyProperties, keyType?: string, deletion?: Deletion): ItemSummary {
  const out = summary('keys', vaultUrl, p.name, p, deletion);
  if (keyType) out.keyType = keyType;
  return out;
}

export function deletedKeySummary(vaultUrl: string, d: DeletedKey): ItemSummary {
  return keySummary(vaultUrl, d.properties, d.keyType, d.properties);
}

export function certificateSummary(vaultUrl: string, p: CertificateProperties, deletion?: Deletion): ItemSummary {
  const out = summary('certificates', vaultUrl, p.name ?? '', p, deletion);
  // No thumbprint: nothing issued yet (being issued, or its request was cancelled or failed).
  out.issuance = p.x509Thumbprint && p.x509Thumbprint.length > 0 ? 'issued' : 'pending';
  return out;
}

export function deletedCertificateSummary(vaultUrl: string, d: DeletedCertificate): ItemSummary {
  const out = certificateSummary(vaultUrl, { ...d.properties, name: d.name }, d);
  const issuer = d.policy?.issuerName;
  if (issuer) out.issuer = issuer;
  return out;
}

/**
 * An item from a single-item answer (a create, an import) shaped as list pages have it: list
 * ids carry no version, so neither does the row, and the same item from a later page matches.
 */
export function asListed(item: ItemSummary): ItemSummary {
  if (item.version === undefined) return item;
  const { version: _version, ...listed } = item;
  return listed;
}

/** Newest first: by creation time, then by update time; items without dates last. */
export function newestFirst(a: ItemSummary, b: ItemSummary): number {
  const ta = a.createdOn?.getTime() ?? -Infinity;
  const tb = b.createdOn?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return (b.updatedOn?.getTime() ?? -Infinity) - (a.updatedOn?.getTime() ?? -Infinity);
}
