// The certificates REST surface: create (a long-running operation under /pending), import,
// get, list, versions, update, policy, delete / recover / purge, backup / restore. Each
// certificate version has a managed key and secret of the same name and version.
import { randomUUID } from 'node:crypto';
import { collectionHandlers } from '../collection-routes.js';
import { badParameter, conflict, ServiceError } from '../errors.js';
import { KEYS } from '../keys/key-collection.js';
import { checkKeyTypeAllowed } from '../keys/key-type-policy.js';
import { newVersionId } from '../stored-object.js';
import { paginate } from '../paging.js';
import type { JsonObject } from '../request-validation.js';
import { optionalAttributes, optionalBoolean, optionalString, optionalTags, requireObject, requireString } from '../request-validation.js';
import type { RouteModule, RouteRequest, RouteResponse } from '../router.js';
import { SECRETS } from '../secrets/secret-collection.js';
import type { VaultState } from '../vault-state.js';
import { backupCertificate, deleteCertificate, purgeCertificate, recoverCertificate, restoreCertificate } from './certificate-lifecycle.js';
import type { CertificateObject, PendingOperation } from './certificate-collection.js';
import {
  CERTIFICATES,
  certificateBundle,
  certificateItem,
  certificateUrl,
  deletedCertificateBundle,
  deletedCertificateItem,
  latest,
  operationJson,
} from './certificate-collection.js';
import { checkPolicyMatchesKey, policyInputFromCertificate, readImport } from './certificate-import.js';
import { addManagedKey, completeVersion, csrFor, keyMaterialFor, keyOpsFor, materialFromKeyObject } from './certificate-issuance.js';
import { DETAILS, prepareIssue, settle } from './certificate-operation.js';
import { CONTENT_TYPES, parsePolicy, policyJson } from './certificate-policy.js';
import type { SecretContentType } from './certificate-policy.js';
import { nameOf, objectOf, ok, storeOf } from './certificate-requests.js';
import { issuerRoutes } from './issuer-routes.js';
import { pendingRoutes } from './pending-routes.js';

// Delete, recover, purge, backup and restore act on the managed key and secret too, and the
// lists hide pending-only certificates, so only these two are shared with secrets and keys.
const shared = collectionHandlers({
  spec: CERTIFICATES,
  bundle: certificateBundle,
  item: certificateItem,
  deletedBundle: deletedCertificateBundle,
  deletedItem: deletedCertificateItem,
  settle,
});

function nowSeconds(vault: VaultState): number {
  return Math.floor(vault.clock() / 1000);
}

function bundle(req: RouteRequest, object: CertificateObject, versionId = ''): Record<string, unknown> {
  const store = storeOf(req);
  return certificateBundle(store, req.vault.url, object, store.getVersion(object.name, versionId));
}

/** A key or secret of this name that is not the certificate's own blocks it, as on the service. */
function checkManagedNamesFree(vault: VaultState, name: string): void {
  for (const [spec, label] of [
    [KEYS, 'key'],
    [SECRETS, 'secret'],
  ] as const) {
    const store = vault.store<{ managed?: boolean }, unknown>(spec as never);
    if (store.has(name) && !store.getVersion(name).payload.managed) {
      throw conflict(`A ${label} named ${name} already exists and is not managed by a certificate; choose another certificate name.`);
    }
  }
}

async function createCertificate(req: RouteRequest): Promise<RouteResponse> {
  const name = nameOf(req);
  const body: JsonObject = req.body === undefined ? {} : requireObject(req.body, 'creating a certificate');
  const store = storeOf(req);
  const existing = store.has(name) ? store.getObject(name) : undefined;
  if (existing) {
    settle(req.vault, existing);
    if (existing.meta?.pending?.status === 'inProgress') {
      throw conflict(`Certificate ${name} has a pending operation in progress; cancel or delete it (/certificates/${name}/pending) or wait for it to finish.`);
    }
  }
  const now = nowSeconds(req.vault);
  if (body.policy === undefined && !existing) throw badParameter(`A new certificate needs a 'policy' (at least 'x509_props.subject' and 'issuer.name').`);
  const policy = parsePolicy(body.policy, existing?.meta?.policy, now, true);
  const attributes = optionalAttributes(body);
  const tags = optionalTags(body);
  const preserveCertOrder = optionalBoolean(body, 'preserveCertOrder');
  checkManagedNamesFree(req.vault, name);
  const keys = req.vault.store(KEYS);
  const previous = keys.has(name) ? keys.getVersion(name).payload.material : undefined;
  const material = await keyMaterialFor(policy, previous);
  // A policy asking for an HSM key (RSA-HSM, EC-HSM) meets the vault's SKU like a key create does.
  checkKeyTypeAllowed(req.vault, material);
  const versionId = newVersionId();
  const unknown = policy.issuer.name.toLowerCase() === 'unknown';
  const op: PendingOperation = {
    requestId: randomUUID().replaceAll('-', ''),
    versionId,
    issuer: { ...policy.issuer },
    csr: await csrFor(policy, material),
    readyAt: req.vault.clock() + (req.vault.settings.certificateIssueDelayMs ?? 0),
    status: 'inProgress',
    statusDetails: unknown ? DETAILS.awaitingMerge : DETAILS.inProgress,
    cancellationRequested: false,
    enabled: attributes?.enabled ?? policy.attributes.enabled,
  };
  // Signed now, installed when due: settling happens inside synchronous reads.
  await prepareIssue(req.vault, op, policy, material);
  // The version exists (disabled, without `cer`) while the request is pending, as on the service.
  const { object } = store.create(name, {
    payload: preserveCertOrder === undefined ? {} : { preserveCertOrder },
    attributes: { enabled: false },
    tags,
    versionId,
  });
  addManagedKey(req.vault, name, versionId, material, keyOpsFor(policy, material));
  if (preserveCertOrder !== undefined) op.preserveCertOrder = preserveCertOrder;
  const heldBy = req.vault.gates.catch('certificate-issue', 'certificates', object.name);
  if (heldBy.length > 0) op.heldBy = heldBy;
  object.meta = { policy, pending: op };
  return { status: 202, body: operationJson(req.vault.url, object.name, op), headers: { Location: `${certificateUrl(req.vault.url, object.name)}/pending` } };
}

function importCertificate(req: RouteRequest): RouteResponse {
  const name = nameOf(req);
  const body = requireObject(req.body, 'importing a certificate');
  const value = requireString(body, 'value');
  const password = optionalString(body, 'pwd');
  const store = storeOf(req);
  const existing = store.has(name) ? store.getObject(name) : undefined;
  if (existing) settle(req.vault, existing);
  const policyBody = body.policy === undefined || body.policy === null ? undefined : requireObject(body.policy, "'policy'");
  const hintValue = (policyBody?.secret_props as JsonObject | undefined)?.contentType;
  const hint = typeof hintValue === 'string' && (CONTENT_TYPES as readonly string[]).includes(hintValue) ? (hintValue as SecretContentType) : undefined;
  const imported = readImport(value, password, hint);
  const material = materialFromKeyObject(imported.privateKey);
  if (!material) throw badParameter(`The imported private key must be RSA or EC on P-256, P-384, P-521 or P-256K.`);
  const now = nowSeconds(req.vault);
  const implied = parsePolicy(policyInputFromCertificate(imported.chain[0], imported.privateKey, imported.contentType), undefined, now, false);
  const policy = parsePolicy(policyBody, existing?.meta?.policy ?? implied, now, false);
  checkPolicyMatchesKey(policy, imported.privateKey);
  const attributes = optionalAttributes(body);
  checkManagedNamesFree(req.vault, name);
  const versionId = newVersionId();
  const preserveCertOrder = optionalBoolean(body, 'preserveCertOrder');
  const { object, version } = store.create(name, {
    payload: preserveCertOrder === undefined ? {} : { preserveCertOrder },
    tags: optionalTags(body),
    versionId,
  });
  object.meta = { policy, pending: undefined };
  addManagedKey(req.vault, name, versionId, material, keyOpsFor(policy, material));
  completeVersion(req.vault, object, version, imported.chain, material, attributes?.enabled ?? true);
  return ok(bundle(req, object, versionId));
}

function getCertificate(req: RouteRequest): RouteResponse {
  return ok(bundle(req, objectOf(req), req.params.version));
}

function updateCertificate(req: RouteRequest): RouteResponse {
  const object = objectOf(req);
  const body: JsonObject = req.body === undefined ? {} : requireObject(req.body, 'updating a certificate');
  const store = storeOf(req);
  const attributes = optionalAttributes(body);
  // nbf/exp come from the X.509 itself: only `enabled` and tags change.
  const version = store.update(object.name, req.params.version, {
    attributes: attributes?.enabled === undefined ? undefined : { enabled: attributes.enabled },
    tags: optionalTags(body),
  });
  if (body.policy !== undefined && body.policy !== null && object.meta) {
    object.meta.policy = parsePolicy(body.policy, object.meta.policy, nowSeconds(req.vault), true);
  }
  return ok(certificateBundle(store, req.vault.url, object, version));
}

function hasIssuedVersion(object: CertificateObject): boolean {
  return object.versions.some((v) => v.payload.cer !== undefined);
}

function listCertificates(req: RouteRequest): RouteResponse {
  const store = storeOf(req);
  const url = req.vault.url;
  const includePending = req.query.get('includePending')?.toLowerCase() === 'true';
  // Only the certificates the page walks over are settled: a page stays O(page).
  const shown = (e: { object: CertificateObject }) => {
    settle(req.vault, e.object);
    return includePending || hasIssuedVersion(e.object);
  };
  return ok(
    paginate(
      store.latestCursor(),
      (e) => certificateItem(store, url, e.object, latest(e.object), false),
      { query: req.query, vaultUrl: url, path: '/certificates', apiVersion: req.apiVersion },
      shown,
    ),
  );
}

function getPolicy(req: RouteRequest): RouteResponse {
  const object = objectOf(req);
  if (!object.meta) throw new ServiceError(404, 'PolicyNotFound', `Certificate ${object.name} has no policy.`);
  return ok(policyJson(certificateUrl(req.vault.url, object.name), object.meta.policy));
}

function updatePolicy(req: RouteRequest): RouteResponse {
  const object = objectOf(req);
  const body = requireObject(req.body, 'updating a certificate policy');
  const next = parsePolicy(body, object.meta?.policy, nowSeconds(req.vault), true);
  object.meta = { ...(object.meta ?? {}), policy: next };
  return ok(policyJson(certificateUrl(req.vault.url, object.name), next));
}

function deleteRoute(req: RouteRequest): RouteResponse {
  const entry = deleteCertificate(req.vault, nameOf(req));
  return ok(deletedCertificateBundle(storeOf(req), req.vault.url, entry));
}

function listDeleted(req: RouteRequest): RouteResponse {
  const store = storeOf(req);
  const url = req.vault.url;
  const includePending = req.query.get('includePending')?.toLowerCase() === 'true';
  return ok(
    paginate(
      store.deletedCursor(),
      (e) => deletedCertificateItem(store, url, e),
      { query: req.query, vaultUrl: url, path: '/deletedcertificates', apiVersion: req.apiVersion },
      (e) => includePending || hasIssuedVersion(e.object),
    ),
  );
}

function recoverRoute(req: RouteRequest): RouteResponse {
  const object = recoverCertificate(req.vault, nameOf(req));
  return ok(certificateBundle(storeOf(req), req.vault.url, object, latest(object)));
}

function purgeRoute(req: RouteRequest): RouteResponse {
  purgeCertificate(req.vault, nameOf(req));
  return { status: 204 };
}

function backupRoute(req: RouteRequest): RouteResponse {
  const object = objectOf(req);
  return ok({ value: backupCertificate(req.vault, object.name) });
}

function restoreRoute(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'restoring a certificate');
  const object = restoreCertificate(req.vault, requireString(body, 'value'));
  return ok(certificateBundle(storeOf(req), req.vault.url, object, latest(object)));
}

export const certificateRoutes: RouteModule = {
  name: 'certificates',
  routes: [
    { method: 'GET', pattern: '/certificates', permission: 'certificates/list', handler: listCertificates },
    { method: 'DELETE', pattern: '/certificates/{name}', permission: 'certificates/delete', handler: deleteRoute },
    { method: 'GET', pattern: '/certificates/{name}/{version?}', permission: 'certificates/get', handler: getCertificate },
    { method: 'PATCH', pattern: '/certificates/{name}/{version?}', permission: 'certificates/update', handler: updateCertificate },
    { method: 'GET', pattern: '/certificates/{name}/versions', permission: 'certificates/list', handler: shared.listVersions },
    { method: 'POST', pattern: '/certificates/{name}/create', permission: 'certificates/create', handler: createCertificate },
    { method: 'POST', pattern: '/certificates/{name}/import', permission: 'certificates/import', handler: importCertificate },
    { method: 'GET', pattern: '/certificates/{name}/policy', permission: 'certificates/get', handler: getPolicy },
    { method: 'PATCH', pattern: '/certificates/{name}/policy', permission: 'certificates/update', handler: updatePolicy },
    ...pendingRoutes,
    { method: 'POST', pattern: '/certificates/{name}/backup', permission: 'certificates/backup', handler: backupRoute },
    { method: 'POST', pattern: '/certificates/restore', permission: 'certificates/restore', handler: restoreRoute },
    { method: 'GET', pattern: '/deletedcertificates', permission: 'certificates/list', handler: listDeleted },
    { method: 'GET', pattern: '/deletedcertificates/{name}', permission: 'certificates/get', handler: shared.getDeleted },
    { method: 'DELETE', pattern: '/deletedcertificates/{name}', permission: 'certificates/purge', handler: purgeRoute },
    { method: 'POST', pattern: '/deletedcertificates/{name}/recover', permission: 'certificates/recover', handler: recoverRoute },
    ...issuerRoutes,
  ],
};
