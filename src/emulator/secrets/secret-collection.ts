// The secrets collection: what one version holds and how it looks on the wire.
import { defineCollection } from '../collection-spec.js';
import type { ObjectStore } from '../object-store.js';
import type { DeletedObject, StoredObject, StoredVersion } from '../stored-object.js';

export interface SecretPayload {
  value: string;
  contentType?: string;
  /** Set for the secret behind a certificate: the key's id, or its path (`/keys/n/v`) relative to the vault. */
  kid?: string;
  /** True when Key Vault manages the secret's lifetime (certificate-backed). */
  managed?: boolean;
}

export const SECRETS = defineCollection<SecretPayload>({ name: 'secrets', label: 'Secret' });

export type SecretStore = ObjectStore<SecretPayload>;

/** 25 KiB, the service's limit on a secret value. */
export const MAX_SECRET_VALUE_BYTES = 25 * 1024;

export function secretId(vaultUrl: string, name: string, version?: string): string {
  return version ? `${vaultUrl}/secrets/${name}/${version}` : `${vaultUrl}/secrets/${name}`;
}

/** SecretBundle; the value only where the service sends it (set, get). */
export function secretBundle(
  store: SecretStore,
  vaultUrl: string,
  object: StoredObject<SecretPayload, undefined>,
  version: StoredVersion<SecretPayload>,
  withValue: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (withValue) out.value = version.payload.value;
  out.id = secretId(vaultUrl, object.name, version.version);
  if (version.payload.contentType !== undefined) out.contentType = version.payload.contentType;
  out.attributes = store.attributesJson(version);
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  const kid = version.payload.kid;
  // Relative ids keep seeds (built before the vault has a URL) and restored backups right.
  if (kid !== undefined) out.kid = kid.startsWith('/') ? `${vaultUrl}${kid}` : kid;
  if (version.payload.managed) out.managed = true;
  return out;
}

/** SecretItem: no value; `id` without a version for the secrets list, with one for the versions list. */
export function secretItem(
  store: SecretStore,
  vaultUrl: string,
  object: StoredObject<SecretPayload, undefined>,
  version: StoredVersion<SecretPayload>,
  withVersion: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: secretId(vaultUrl, object.name, withVersion ? version.version : undefined),
    attributes: store.attributesJson(version),
  };
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  if (version.payload.contentType !== undefined) out.contentType = version.payload.contentType;
  if (version.payload.managed) out.managed = true;
  return out;
}

export function deletedSecretBundle(
  store: SecretStore,
  vaultUrl: string,
  entry: DeletedObject<SecretPayload, undefined>,
): Record<string, unknown> {
  const latest = entry.object.versions[entry.object.versions.length - 1];
  return { ...secretBundle(store, vaultUrl, entry.object, latest, false), ...store.deletionJson(vaultUrl, entry) };
}

export function deletedSecretItem(
  store: SecretStore,
  vaultUrl: string,
  entry: DeletedObject<SecretPayload, undefined>,
): Record<string, unknown> {
  const latest = entry.object.versions[entry.object.versions.length - 1];
  return { ...secretItem(store, vaultUrl, entry.object, latest, false), ...store.deletionJson(vaultUrl, entry) };
}
