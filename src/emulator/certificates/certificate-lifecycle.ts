// Delete, recover, purge, backup and restore of a certificate together with its managed key
// and secret: they share the name and go through the same soft-delete timing (the vault's
// deleteDelayMs / purgeDelayMs), so a certificate never outlives or loses its key.
import { gunzipSync, gzipSync } from 'node:zlib';
import { badParameter, conflict } from '../errors.js';
import type { ServiceError } from '../errors.js';
import { KEYS } from '../keys/key-collection.js';
import { SECRETS } from '../secrets/secret-collection.js';
import type { VaultState } from '../vault-state.js';
import type { CertificateObject, DeletedCertificate } from './certificate-collection.js';
import { CERTIFICATES } from './certificate-collection.js';

const FORMAT = 'kvx-certificate-backup-1';

function managedStores(vault: VaultState) {
  return [vault.store(KEYS), vault.store(SECRETS)] as const;
}

function isNotFound(err: unknown): boolean {
  return (err as ServiceError | undefined)?.status === 404;
}

export function deleteCertificate(vault: VaultState, name: string): DeletedCertificate {
  const entry = vault.store(CERTIFICATES).delete(name);
  for (const store of managedStores(vault)) if (store.has(name)) store.delete(name);
  return entry;
}

export function recoverCertificate(vault: VaultState, name: string): CertificateObject {
  const object = vault.store(CERTIFICATES).recover(name);
  for (const store of managedStores(vault)) {
    try {
      store.recover(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return object;
}

export function purgeCertificate(vault: VaultState, name: string): void {
  vault.store(CERTIFICATES).purge(name); // 403 on a purge-protected vault before anything changes
  for (const store of managedStores(vault)) {
    try {
      store.purge(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** One blob with the certificate, its key and its secret (each the object store's own backup). */
export function backupCertificate(vault: VaultState, name: string): string {
  const [keys, secrets] = managedStores(vault);
  const doc = {
    format: FORMAT,
    certificate: vault.store(CERTIFICATES).backup(name),
    key: keys.has(name) ? keys.backup(name) : null,
    secret: secrets.has(name) ? secrets.backup(name) : null,
  };
  return gzipSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64url');
}

export function restoreCertificate(vault: VaultState, blob: string): CertificateObject {
  let doc: { format?: unknown; certificate?: unknown; key?: unknown; secret?: unknown };
  try {
    doc = JSON.parse(gunzipSync(Buffer.from(blob, 'base64url')).toString('utf8'));
  } catch {
    doc = {};
  }
  if (doc?.format !== FORMAT || typeof doc.certificate !== 'string') {
    throw badParameter('The backup blob is not a valid certificate backup (it is corrupt, or from another collection).');
  }
  const [keys, secrets] = managedStores(vault);
  // The key's and secret's names must be free too: check before restoring anything.
  const name = innerName(doc.certificate);
  for (const store of [keys, secrets]) {
    if (name !== undefined && store.has(name)) {
      throw conflict(`A ${store.spec.label.toLowerCase()} named ${name} already exists in this vault; restore needs the name to be free.`);
    }
  }
  const object = vault.store(CERTIFICATES).restore(doc.certificate);
  if (typeof doc.key === 'string') keys.restore(doc.key);
  if (typeof doc.secret === 'string') secrets.restore(doc.secret);
  return object;
}

/** The object name inside an object store backup blob, when readable. */
function innerName(blob: string): string | undefined {
  try {
    const inner = JSON.parse(gunzipSync(Buffer.from(blob, 'base64url')).toString('utf8')) as { name?: unknown };
    return typeof inner.name === 'string' ? inner.name : undefined;
  } catch {
    return undefined;
  }
}
