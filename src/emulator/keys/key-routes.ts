// The keys REST surface (keys.json, api-version 7.0 … 2025-07-01) on the generic object
// store: create, import, get, update, rotate, rotation policy here; list, versions, delete,
// deleted get/list, recover, purge, backup, restore from collection-routes.ts; the data
// operations are in key-operation-routes.ts.
import { collectionHandlers } from '../collection-routes.js';
import { badParameter } from '../errors.js';
import type { AttributesInput, JsonObject } from '../request-validation.js';
import { checkObjectName, optionalAttributes, optionalTags, requireObject } from '../request-validation.js';
import type { RouteModule, RouteRequest, RouteResponse } from '../router.js';
import type { KeyObject, KeyPayload, KeyStore } from './key-collection.js';
import { deletedKeyBundle, deletedKeyItem, keyBundle, keyId, keyItem, KEYS, latestVersion } from './key-collection.js';
import type { GenerateRequest, KeyMaterial } from './key-material.js';
import { importKeyMaterial } from './key-import.js';
import { defaultKeyOps, generateKeyMaterial, keySizeBits, parseKeyOps } from './key-material.js';
import { keyOperationRoutes } from './key-operation-routes.js';
import { checkKeyTypeAllowed } from './key-type-policy.js';
import { refuseManaged } from '../managed-objects.js';
import { parseRotationPolicy, policyExpiry, rotationPolicyJson } from './rotation-policy.js';

const shared = collectionHandlers({
  spec: KEYS,
  bundle: keyBundle,
  item: keyItem,
  deletedBundle: deletedKeyBundle,
  deletedItem: deletedKeyItem,
});

function storeOf(req: RouteRequest): KeyStore {
  return req.vault.store(KEYS);
}

function nameOf(req: RouteRequest): string {
  return checkObjectName(req.params.name, 'Key');
}

function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

function nowSeconds(req: RouteRequest): number {
  return Math.floor(req.vault.clock() / 1000);
}

/** Exportable keys and release policies need attestation, which the emulator does not model. */
function refuseReleasePolicy(body: JsonObject, attributes: unknown): void {
  if (body.release_policy !== undefined && body.release_policy !== null) {
    throw badParameter(`'release_policy' (secure key release) is not supported by this emulator; leave it out.`);
  }
  if (attributes && typeof attributes === 'object' && (attributes as JsonObject).exportable === true) {
    throw badParameter(`'attributes.exportable' = true is not supported by this emulator (it needs a release policy).`);
  }
}

function optionalInteger(body: JsonObject, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badParameter(`'${field}' must be an integer.`);
  return value;
}

function keyOpsFor(value: unknown, material: KeyMaterial) {
  return value === undefined || value === null ? defaultKeyOps(material) : parseKeyOps(value, material);
}

function bundle(req: RouteRequest, object: KeyObject, version = latestVersion(object)): RouteResponse {
  return ok(keyBundle(storeOf(req), req.vault.url, object, version));
}

async function createKey(req: RouteRequest): Promise<RouteResponse> {
  const name = nameOf(req);
  const body = requireObject(req.body, 'creating a key');
  refuseReleasePolicy(body, body.attributes);
  const request: GenerateRequest = {
    kty: body.kty,
    keySize: optionalInteger(body, 'key_size'),
    publicExponent: optionalInteger(body, 'public_exponent'),
    curve: body.crv ?? undefined,
  };
  const attributes = optionalAttributes(body);
  const tags = optionalTags(body);
  const material = await generateKeyMaterial(request);
  checkKeyTypeAllowed(req.vault, material);
  const payload: KeyPayload = { material, keyOps: keyOpsFor(body.key_ops, material) };
  const { object, version } = storeOf(req).create(name, { payload, attributes, tags });
  return bundle(req, object, version);
}

function importKey(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const body = requireObject(req.body, 'importing a key');
  refuseReleasePolicy(body, body.attributes);
  if (body.key === undefined || body.key === null) throw badParameter(`'key' (the JSON Web Key to import) is required.`);
  const material = importKeyMaterial(body.key, body.Hsm ?? undefined);
  checkKeyTypeAllowed(req.vault, material);
  const keyOps = keyOpsFor((body.key as JsonObject).key_ops, material);
  const { object, version } = storeOf(req).create(name, {
    payload: { material, keyOps },
    attributes: optionalAttributes(body),
    tags: optionalTags(body),
  });
  return bundle(req, object, version);
}

function getKey(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const store = storeOf(req);
  const version = store.getVersion(name, req.params.version);
  return bundle(req, store.getObject(name), version);
}

function updateKey(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const body: JsonObject = req.body === undefined ? {} : requireObject(req.body, 'updating a key');
  refuseReleasePolicy(body, body.attributes);
  const store = storeOf(req);
  const current = store.getVersion(name, req.params.version);
  const keyOps = body.key_ops === undefined || body.key_ops === null ? undefined : parseKeyOps(body.key_ops, current.payload.material);
  const version = store.update(name, req.params.version, {
    attributes: optionalAttributes(body),
    tags: optionalTags(body),
    payload: keyOps === undefined ? undefined : (p) => ({ ...p, keyOps }),
  });
  return bundle(req, store.getObject(name), version);
}

function deleteKey(req: RouteRequest): RouteResponse {
  const object = storeOf(req).getObject(nameOf(req));
  refuseManaged('delete', 'key', latestVersion(object).payload.managed === true);
  return shared.delete(req);
}

/** Same type and size as the current version, new material; exp from the rotation policy. */
async function rotate(req: RouteRequest): Promise<RouteResponse> {
  const name = nameOf(req);
  const store = storeOf(req);
  const object = store.getObject(name);
  const current = latestVersion(object);
  if (current.payload.managed) {
    throw badParameter(`Key ${object.name} backs a certificate; it rotates when the certificate is renewed.`);
  }
  const { material: old } = current.payload;
  const request: GenerateRequest =
    old.jwk.kty === 'EC'
      ? { kty: `EC${old.hsm ? '-HSM' : ''}`, curve: old.jwk.crv }
      : { kty: `${old.jwk.kty}${old.hsm ? '-HSM' : ''}`, keySize: keySizeBits(old) };
  const material = await generateKeyMaterial(request);
  const created = nowSeconds(req);
  const attributes: AttributesInput = {};
  const exp = policyExpiry(object.meta?.rotationPolicy, created);
  if (exp !== undefined) attributes.exp = exp;
  const { version } = store.create(object.name, {
    payload: { material, keyOps: [...current.payload.keyOps] },
    attributes,
    tags: current.tags,
  });
  return bundle(req, object, version);
}

function getRotationPolicy(req: RouteRequest): RouteResponse {
  const object = storeOf(req).getObject(nameOf(req));
  return ok(rotationPolicyJson(keyId(req.vault.url, object.name), object.meta?.rotationPolicy));
}

function setRotationPolicy(req: RouteRequest): RouteResponse {
  const store = storeOf(req);
  const object = store.getObject(nameOf(req));
  const policy = parseRotationPolicy(req.body, object.meta?.rotationPolicy, nowSeconds(req));
  store.setMeta(object.name, { ...object.meta, rotationPolicy: policy });
  return ok(rotationPolicyJson(keyId(req.vault.url, object.name), policy));
}

export const keyRoutes: RouteModule = {
  name: 'keys',
  routes: [
    { method: 'GET', pattern: '/keys', permission: 'keys/list', handler: shared.list },
    { method: 'POST', pattern: '/keys/{name}/create', permission: 'keys/create', handler: createKey },
    { method: 'PUT', pattern: '/keys/{name}', permission: 'keys/import', handler: importKey },
    { method: 'DELETE', pattern: '/keys/{name}', permission: 'keys/delete', handler: deleteKey },
    { method: 'GET', pattern: '/keys/{name}/{version?}', permission: 'keys/get', handler: getKey },
    { method: 'PATCH', pattern: '/keys/{name}/{version?}', permission: 'keys/update', handler: updateKey },
    { method: 'GET', pattern: '/keys/{name}/versions', permission: 'keys/list', handler: shared.listVersions },
    { method: 'POST', pattern: '/keys/{name}/backup', permission: 'keys/backup', handler: shared.backup },
    { method: 'POST', pattern: '/keys/restore', permission: 'keys/restore', handler: shared.restore },
    { method: 'POST', pattern: '/keys/{name}/rotate', permission: 'keys/rotate', handler: rotate },
    { method: 'GET', pattern: '/keys/{name}/rotationpolicy', permission: 'keys/getrotationpolicy', handler: getRotationPolicy },
    { method: 'PUT', pattern: '/keys/{name}/rotationpolicy', permission: 'keys/setrotationpolicy', handler: setRotationPolicy },
    { method: 'GET', pattern: '/deletedkeys', permission: 'keys/list', handler: shared.listDeleted },
    { method: 'GET', pattern: '/deletedkeys/{name}', permission: 'keys/get', handler: shared.getDeleted },
    { method: 'DELETE', pattern: '/deletedkeys/{name}', permission: 'keys/purge', handler: shared.purge },
    { method: 'POST', pattern: '/deletedkeys/{name}/recover', permission: 'keys/recover', handler: shared.recover },
    ...keyOperationRoutes,
  ],
};
