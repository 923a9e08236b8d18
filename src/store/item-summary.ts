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

function summary(kind: CollectionKind, vaultUrl: string, name: string, p: CommonProperties, deletion?: Deletion): ItemSummary {
  const out: ItemSummary = { kind, id: itemId(vaultUrl, kind, name), name, vaultUrl, tags: { ...(p.tags ?? {}) } };
  if (p.version) out.version = p.version;
  if (p.enabled !== undefined) out.enabled = p.enabled;
  if (p.createdOn) out.createdOn = p.createdOn;
  if (p.updatedOn) out.updatedOn = p.updatedOn;
  if (p.notBefore) out.notBefore = p.notBefore;
  if (p.expiresOn) out.expiresOn = p.expiresOn;
  if (p.recoveryLevel) out.recoveryLevel = p.recoveryLevel;
  if (p.recoverableDays !== undefined) out.recoverableDays = p.recoverableDays;
  if (p.managed) out.managed = true;
  if (deletion?.deletedOn) out.deletedOn = deletion.deletedOn;
  if (deletion?.scheduledPurgeDate) out.scheduledPurgeDate = deletion.scheduledPurgeDate;
  if (deletion?.recoveryId) out.recoveryId = deletion.recoveryId;
  return out;
}

export function secretSummary(vaultUrl: string, p: SecretProperties, deletion?: Deletion): ItemSummary {
  const out = summary('secrets', vaultUrl, p.name, p, deletion);
  if (p.contentType) out.contentType = p.contentType;
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

/** Newest first: by creation time, then by update time; items without dates last. */
export function newestFirst(a: ItemSummary, b: ItemSummary): number {
  const ta = a.createdOn?.getTime() ?? -Infinity;
  const tb = b.createdOn?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return (b.updatedOn?.getTime() ?? -Infinity) - (a.updatedOn?.getTime() ?? -Infinity);
}
