// The certificates collection: what one certificate version and its object hold, and how they
// look on the wire (CertificateBundle, CertificateItem, Deleted…, CertificateOperation).
import { createHash } from 'node:crypto';
import { defineCollection } from '../collection-spec.js';
import type { ObjectStore } from '../object-store.js';
import type { DeletedObject, StoredObject, StoredVersion } from '../stored-object.js';
import type { StoredPolicy } from './certificate-policy.js';
import { policyJson } from './certificate-policy.js';

export interface CertificatePayload {
  /** The certificate (DER, base64); absent while the version is pending, cancelled or failed. */
  cer?: string;
  preserveCertOrder?: boolean;
}

export type OperationStatus = 'inProgress' | 'completed' | 'failed' | 'cancelled';

/** A create (or renew) request, as GET /certificates/{n}/pending shows it. Plain JSON so backups keep it. */
export interface PendingOperation {
  requestId: string;
  /** The certificate version it fills in; the managed key already has this version. */
  versionId: string;
  issuer: { name: string; cty?: string; cert_transparency?: boolean };
  /** PKCS#10 request, DER base64. */
  csr: string;
  /** Epoch ms after which a Self or configured issuer issues. */
  readyAt: number;
  /** Gates (gates.ts) holding the issue until they are released. */
  heldBy?: number[];
  status: OperationStatus;
  statusDetails: string;
  cancellationRequested: boolean;
  error?: { code: string; message: string };
  /** `enabled` the create asked for, applied when the certificate is issued. */
  enabled: boolean;
  preserveCertOrder?: boolean;
}

export interface CertificateMeta {
  policy: StoredPolicy;
  pending?: PendingOperation;
}

export const CERTIFICATES = defineCollection<CertificatePayload, CertificateMeta>({ name: 'certificates', label: 'Certificate' });

export type CertificateStore = ObjectStore<CertificatePayload, CertificateMeta>;
export type CertificateObject = StoredObject<CertificatePayload, CertificateMeta>;
export type CertificateVersion = StoredVersion<CertificatePayload>;
export type DeletedCertificate = DeletedObject<CertificatePayload, CertificateMeta>;

export function certificateUrl(vaultUrl: string, name: string, version?: string): string {
  return version ? `${vaultUrl}/certificates/${name}/${version}` : `${vaultUrl}/certificates/${name}`;
}

export function latest(object: CertificateObject): CertificateVersion {
  return object.versions[object.versions.length - 1];
}

/** SHA-1 of the DER certificate, base64url: the `x5t` the service sends. */
export function thumbprint(cerBase64: string): string {
  return createHash('sha1').update(Buffer.from(cerBase64, 'base64')).digest('base64url');
}

export function certificateBundle(
  store: CertificateStore,
  vaultUrl: string,
  object: CertificateObject,
  version: CertificateVersion,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: certificateUrl(vaultUrl, object.name, version.version),
    kid: `${vaultUrl}/keys/${object.name}/${version.version}`,
    sid: `${vaultUrl}/secrets/${object.name}/${version.version}`,
  };
  if (version.payload.cer !== undefined) {
    out.x5t = thumbprint(version.payload.cer);
    out.cer = version.payload.cer;
  }
  out.attributes = store.attributesJson(version);
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  if (object.meta) out.policy = policyJson(certificateUrl(vaultUrl, object.name), object.meta.policy);
  if (version.payload.preserveCertOrder !== undefined) out.preserveCertOrder = version.payload.preserveCertOrder;
  return out;
}

/** CertificateItem: `id` without a version in the list, with one in the versions list. */
export function certificateItem(
  store: CertificateStore,
  vaultUrl: string,
  object: CertificateObject,
  version: CertificateVersion,
  withVersion: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: certificateUrl(vaultUrl, object.name, withVersion ? version.version : undefined),
    attributes: store.attributesJson(version),
  };
  if (Object.keys(version.tags).length > 0) out.tags = { ...version.tags };
  if (version.payload.cer !== undefined) out.x5t = thumbprint(version.payload.cer);
  return out;
}

export function deletedCertificateBundle(store: CertificateStore, vaultUrl: string, entry: DeletedCertificate): Record<string, unknown> {
  return { ...certificateBundle(store, vaultUrl, entry.object, latest(entry.object)), ...store.deletionJson(vaultUrl, entry) };
}

export function deletedCertificateItem(store: CertificateStore, vaultUrl: string, entry: DeletedCertificate): Record<string, unknown> {
  return { ...certificateItem(store, vaultUrl, entry.object, latest(entry.object), false), ...store.deletionJson(vaultUrl, entry) };
}

export function operationJson(vaultUrl: string, name: string, op: PendingOperation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: `${certificateUrl(vaultUrl, name)}/pending`,
    issuer: { ...op.issuer },
    csr: op.csr,
    cancellation_requested: op.cancellationRequested,
    status: op.status,
    status_details: op.statusDetails,
  };
  // The service's error object in full: code, message and the innererror it nests.
  if (op.error) out.error = { code: op.error.code, message: op.error.message, innererror: { code: op.error.code, message: op.error.message } };
  if (op.status === 'completed') out.target = certificateUrl(vaultUrl, name);
  if (op.preserveCertOrder !== undefined) out.preserveCertOrder = op.preserveCertOrder;
  out.request_id = op.requestId;
  return out;
}
