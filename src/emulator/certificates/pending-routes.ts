// A certificate's pending operation (/certificates/{name}/pending): read, cancel, delete, and
// merge the signed certificate for an `Unknown` issuer. Apart from certificate-routes.ts as
// the operation's own resource, as issuer-routes.ts is for issuers.
import { badParameter, ServiceError } from '../errors.js';
import { KEYS } from '../keys/key-collection.js';
import { asymmetricKeys } from '../keys/key-material.js';
import { optionalAttributes, optionalBoolean, optionalTags, requireObject } from '../request-validation.js';
import type { Route, RouteRequest, RouteResponse } from '../router.js';
import { readCertificate } from '../x509/index.js';
import type { CertificateObject, PendingOperation } from './certificate-collection.js';
import { certificateBundle, operationJson } from './certificate-collection.js';
import { completeVersion } from './certificate-issuance.js';
import { DETAILS } from './certificate-operation.js';
import { readX5cEntry } from './certificate-import.js';
import { objectOf, ok, storeOf } from './certificate-requests.js';

function pendingOf(req: RouteRequest): { object: CertificateObject; op: PendingOperation } {
  const object = objectOf(req);
  const op = object.meta?.pending;
  if (!op) throw new ServiceError(404, 'PendingCertificateNotFound', `Pending certificate not found: ${object.name}`);
  return { object, op };
}

function getPending(req: RouteRequest): RouteResponse {
  const { object, op } = pendingOf(req);
  return ok(operationJson(req.vault.url, object.name, op));
}

function updatePending(req: RouteRequest): RouteResponse {
  const { object, op } = pendingOf(req);
  const body = requireObject(req.body, 'updating a certificate operation');
  const cancel = optionalBoolean(body, 'cancellation_requested');
  if (cancel === undefined) throw badParameter(`'cancellation_requested' is required and must be true or false.`);
  // The service answers the cancel itself with the operation still inProgress and
  // cancellation_requested true; it shows cancelled from the next read on.
  if (cancel && op.status === 'inProgress') op.cancellationRequested = true;
  return ok(operationJson(req.vault.url, object.name, op));
}

function deletePending(req: RouteRequest): RouteResponse {
  const { object, op } = pendingOf(req);
  if (object.meta) object.meta.pending = undefined;
  return ok(operationJson(req.vault.url, object.name, op));
}

function mergeCertificate(req: RouteRequest): RouteResponse {
  const { object, op } = pendingOf(req);
  if (op.status !== 'inProgress') {
    throw new ServiceError(403, 'Forbidden', `Certificate ${object.name} has no pending request to merge (its operation is ${op.status}).`);
  }
  const body = requireObject(req.body, 'merging a certificate');
  if (!Array.isArray(body.x5c) || body.x5c.length === 0 || body.x5c.some((c) => typeof c !== 'string')) {
    throw badParameter(`'x5c' must be a non-empty array of base64 DER certificates, the signed certificate first.`);
  }
  const chain = (body.x5c as string[]).map(readX5cEntry);
  const material = req.vault.store(KEYS).getVersion(object.name, op.versionId).payload.material;
  let leafKey: Buffer;
  try {
    leafKey = readCertificate(chain[0]).publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    throw badParameter(`'x5c' holds something that is not an X.509 certificate.`);
  }
  if (!leafKey.equals(asymmetricKeys(material).publicKey.export({ type: 'spki', format: 'der' }))) {
    throw badParameter(`Public key from x509 certificate and key of this instance doesn't match.`);
  }
  const version = storeOf(req).getVersion(object.name, op.versionId);
  const tags = optionalTags(body);
  if (tags !== undefined) version.tags = { ...tags };
  completeVersion(req.vault, object, version, chain, material, optionalAttributes(body)?.enabled ?? op.enabled);
  op.status = 'completed';
  op.statusDetails = DETAILS.completed;
  return { status: 201, body: certificateBundle(storeOf(req), req.vault.url, object, version) };
}

export const pendingRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/certificates/{name}/pending', permission: 'certificates/get', handler: getPending },
  { method: 'PATCH', pattern: '/certificates/{name}/pending', permission: 'certificates/update', handler: updatePending },
  { method: 'DELETE', pattern: '/certificates/{name}/pending', permission: 'certificates/delete', handler: deletePending },
  { method: 'POST', pattern: '/certificates/{name}/pending/merge', permission: 'certificates/create', handler: mergeCertificate },
];
