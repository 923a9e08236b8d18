// The keys collection: what one key version holds and how it looks on the wire
// (KeyBundle, KeyItem, DeletedKeyBundle, DeletedKeyItem in keys.json).
import { defineCollection } from '../collection-spec.js';
import type { ObjectStore } from '../object-store.js';
import type { DeletedObject, StoredObject, StoredVersion } from '../stored-object.js';
import type { KeyMaterial, KeyOperation } from './key-material.js';
import { publicJwk } from './key-material.js';
import type { RotationPolicy } from './rotation-policy.js';

export interface KeyPayload {
  /** Private material as plain JSON; only its public half is ever sent. */
  material: KeyMaterial;
  keyOps: KeyOperation[];
  /** True for the key behind a certificate: its lifetime is managed by Key Vault. */
  managed?: boolean;
}

export interface KeyMeta {
  rotationPolicy?: RotationPolicy;
}

// The payload is plain JSON, so backups need no codec. Blobs are gzip+base64url, not
// encrypted as the service's are: an emulator backup carries the private key in the clear.
export const KEYS = defineCollection<KeyPayload, KeyMeta>({ name: 'keys', label: 'Key' });

export type KeyStore = ObjectStore<KeyPayload, KeyMeta>;
export type KeyObject = StoredObject<KeyPayload, KeyMeta>;
export type KeyVersion = StoredVersion<KeyPayload>;
export type DeletedKey = DeletedObject<KeyPayload, KeyMeta>;

export function keyId(vaultUrl: string, name: string, version?: string): string {
  return version ? `${vaultUrl}/keys/${name}/${version}` : `${vaultUrl}/keys/${name}`;
}

export function latestVersion(object: KeyObject): KeyVersion {
  return object.versions[object.versions.length - 1];
}

export function keyBundle(store: KeyStore, vaultUrl: string, object: KeyObject, version: KeyVersion): Record<string, unknown> {
  const { payload } = version;
  const out: Record<string, unknown> = {
    key: publicJwk(payload.material, keyId(vaultUrl, object.name, version.version), payload.keyOps),
    attributes: store.attributesJson(version),
  };
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  if (payload.managed) out.managed = true;
  return out;
}

/** KeyItem: `kid` without a version in the keys list, with one in the versions list. */
export function keyItem(
  store: KeyStore,
  vaultUrl: string,
  object: KeyObject,
  version: KeyVersion,
  withVersion: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kid: keyId(vaultUrl, object.name, withVersion ? version.version : undefined),
    attributes: store.attributesJson(version),
  };
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  if (version.payload.managed) out.managed = true;
  return out;
}

export function deletedKeyBundle(store: KeyStore, vaultUrl: string, entry: DeletedKey): Record<string, unknown> {
  const latest = latestVersion(entry.object);
  return { ...keyBundle(store, vaultUrl, entry.object, latest), ...store.deletionJson(vaultUrl, entry) };
}

export function deletedKeyItem(store: KeyStore, vaultUrl: string, entry: DeletedKey): Record<string, unknown> {
  const latest = latestVersion(entry.object);
  return { ...keyItem(store, vaultUrl, entry.object, latest, false), ...store.deletionJson(vaultUrl, entry) };
}
