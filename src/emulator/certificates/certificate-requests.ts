// What certificate route handlers read from a request: the vault's certificate store, the
// checked name, and the live certificate with its pending operation brought up to date.
// Shared by certificate-routes.ts and pending-routes.ts so both settle operations alike.
import { checkObjectName } from '../request-validation.js';
import type { RouteRequest, RouteResponse } from '../router.js';
import type { CertificateObject, CertificateStore } from './certificate-collection.js';
import { CERTIFICATES } from './certificate-collection.js';
import { settle } from './certificate-operation.js';

export function storeOf(req: RouteRequest): CertificateStore {
  return req.vault.store(CERTIFICATES);
}

export function nameOf(req: RouteRequest): string {
  return checkObjectName(req.params.name, 'Certificate');
}

export function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

/** The live certificate with its pending operation brought up to date. */
export function objectOf(req: RouteRequest): CertificateObject {
  const object = storeOf(req).getObject(nameOf(req));
  settle(req.vault, object);
  return object;
}
