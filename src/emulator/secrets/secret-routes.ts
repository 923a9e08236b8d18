// The secrets REST surface (api-version 7.0 … 2026-04-01), on the generic object store.
import { collectionHandlers } from '../collection-routes.js';
import { refuseManaged } from '../managed-objects.js';
import { badParameter, forbidden } from '../errors.js';
import type { JsonObject } from '../request-validation.js';
import {
  checkObjectName,
  optionalAttributes,
  optionalString,
  optionalTags,
  requireObject,
  requireString,
} from '../request-validation.js';
import type { RouteModule, RouteRequest, RouteResponse } from '../router.js';
import type { SecretPayload } from './secret-collection.js';
import {
  deletedSecretBundle,
  deletedSecretItem,
  MAX_SECRET_VALUE_BYTES,
  secretBundle,
  secretItem,
  SECRETS,
} from './secret-collection.js';

const shared = collectionHandlers({
  spec: SECRETS,
  // Recover and restore answer without the value, as the service does.
  bundle: (store, url, object, version) => secretBundle(store, url, object, version, false),
  item: secretItem,
  deletedBundle: deletedSecretBundle,
  deletedItem: deletedSecretItem,
});

function storeOf(req: RouteRequest) {
  return req.vault.store(SECRETS);
}

function nameOf(req: RouteRequest): string {
  return checkObjectName(req.params.name, 'Secret');
}

function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

function setSecret(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const body = requireObject(req.body, 'setting a secret');
  const value = requireString(body, 'value');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SECRET_VALUE_BYTES) {
    throw badParameter(`The secret value is ${bytes} bytes; the maximum is ${MAX_SECRET_VALUE_BYTES} bytes (25 KiB).`);
  }
  const payload: SecretPayload = { value };
  const contentType = optionalString(body, 'contentType');
  if (contentType !== undefined) payload.contentType = contentType;
  const store = storeOf(req);
  if (store.has(name)) {
    const current = store.getObject(name);
    refuseManaged('set', 'secret', current.versions[current.versions.length - 1].payload.managed === true);
  }
  const { object, version } = store.create(name, {
    payload,
    attributes: optionalAttributes(body),
    tags: optionalTags(body),
  });
  return ok(secretBundle(store, req.vault.url, object, version, true));
}

function deleteSecret(req: RouteRequest): RouteResponse {
  const object = storeOf(req).getObject(nameOf(req));
  const latest = object.versions[object.versions.length - 1];
  refuseManaged('delete', 'secret', latest.payload.managed === true);
  return shared.delete(req);
}

function getSecret(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const store = storeOf(req);
  const version = store.getVersion(name, req.params.version);
  if (!version.attributes.enabled) {
    throw forbidden('Operation get is not allowed on a disabled secret.', 'SecretDisabled');
  }
  return ok(secretBundle(store, req.vault.url, store.getObject(name), version, true));
}

function updateSecret(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const body: JsonObject = req.body === undefined ? {} : requireObject(req.body, 'updating a secret');
  const contentType = optionalString(body, 'contentType');
  const store = storeOf(req);
  const version = store.update(name, req.params.version, {
    attributes: optionalAttributes(body),
    tags: optionalTags(body),
    payload: contentType === undefined ? undefined : (p) => ({ ...p, contentType }),
  });
  return ok(secretBundle(store, req.vault.url, store.getObject(name), version, false));
}

export const secretRoutes: RouteModule = {
  name: 'secrets',
  routes: [
    { method: 'GET', pattern: '/secrets', permission: 'secrets/list', handler: shared.list },
    { method: 'PUT', pattern: '/secrets/{name}', permission: 'secrets/set', handler: setSecret },
    { method: 'DELETE', pattern: '/secrets/{name}', permission: 'secrets/delete', handler: deleteSecret },
    { method: 'GET', pattern: '/secrets/{name}/{version?}', permission: 'secrets/get', handler: getSecret },
    { method: 'PATCH', pattern: '/secrets/{name}/{version?}', permission: 'secrets/set', handler: updateSecret },
    { method: 'GET', pattern: '/secrets/{name}/versions', permission: 'secrets/list', handler: shared.listVersions },
    { method: 'POST', pattern: '/secrets/{name}/backup', permission: 'secrets/backup', handler: shared.backup },
    { method: 'POST', pattern: '/secrets/restore', permission: 'secrets/restore', handler: shared.restore },
    { method: 'GET', pattern: '/deletedsecrets', permission: 'secrets/list', handler: shared.listDeleted },
    { method: 'GET', pattern: '/deletedsecrets/{name}', permission: 'secrets/get', handler: shared.getDeleted },
    { method: 'DELETE', pattern: '/deletedsecrets/{name}', permission: 'secrets/purge', handler: shared.purge },
    { method: 'POST', pattern: '/deletedsecrets/{name}/recover', permission: 'secrets/recover', handler: shared.recover },
  ],
};
