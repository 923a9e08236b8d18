// The data operations on a key version: sign, verify, encrypt, decrypt, wrapkey, unwrapkey
// (POST /keys/{name}/{version}/{op}; an empty version means the current one).
import { forbidden } from '../errors.js';
import type { JsonObject } from '../request-validation.js';
import { checkObjectName, requireObject } from '../request-validation.js';
import type { Route, RouteRequest, RouteResponse } from '../router.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import type { KeyVersion } from './key-collection.js';
import { keyId, KEYS } from './key-collection.js';
import { decrypt, encrypt, signDigest, unwrapKey, verifyDigest, wrapKey } from './key-crypto.js';
import type { KeyOperation } from './key-material.js';

/**
 * Operations that need the key inside its nbf/exp window. The service lets decrypt, unwrapKey
 * and verify run outside it, so data made while the key was valid stays recoverable.
 */
const TIME_BOUND: ReadonlySet<KeyOperation> = new Set(['sign', 'encrypt', 'wrapKey']);

interface Target {
  kid: string;
  version: KeyVersion;
}

/** The version to operate on, after the checks the service makes before any crypto. */
function usableVersion(req: RouteRequest, operation: KeyOperation): Target {
  const name = checkObjectName(req.params.name, 'Key');
  const store = req.vault.store(KEYS);
  const version = store.getVersion(name, req.params.version);
  const object = store.getObject(name);
  const { attributes, payload } = version;
  if (!attributes.enabled) {
    throw forbidden(`Operation ${operation} is not allowed on a disabled key.`, 'KeyDisabled');
  }
  if (!payload.keyOps.includes(operation)) {
    throw forbidden(
      `Operation ${operation} is not permitted on this key. Its key_ops are: ${payload.keyOps.join(', ') || '(none)'}.`,
      'KeyOperationForbidden',
    );
  }
  if (TIME_BOUND.has(operation)) {
    const now = Math.floor(req.vault.clock() / 1000);
    if (attributes.nbf !== undefined && now < attributes.nbf) {
      throw forbidden(`Operation ${operation} is not allowed before the key's not-before time (${new Date(attributes.nbf * 1000).toISOString()}).`, 'KeyNotYetValid');
    }
    if (attributes.exp !== undefined && now >= attributes.exp) {
      throw forbidden(`Operation ${operation} is not allowed: the key expired at ${new Date(attributes.exp * 1000).toISOString()}.`, 'KeyExpired');
    }
  }
  return { kid: keyId(req.vault.url, object.name, version.version), version };
}

function optionalBytes(body: JsonObject, field: string): Buffer | undefined {
  const value = body[field];
  return value === undefined || value === null ? undefined : fromBase64Url(value, field);
}

function requireBytes(body: JsonObject, field: string): Buffer {
  return fromBase64Url(body[field], field);
}

function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

function sign(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'sign');
  const { kid, version } = usableVersion(req, 'sign');
  const signature = signDigest(version.payload.material, body.alg, requireBytes(body, 'value'));
  return ok({ kid, value: toBase64Url(signature) });
}

function verify(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'verify');
  const { version } = usableVersion(req, 'verify');
  const valid = verifyDigest(version.payload.material, body.alg, requireBytes(body, 'digest'), requireBytes(body, 'value'));
  return ok({ value: valid });
}

function encryptRoute(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'encrypt');
  const { kid, version } = usableVersion(req, 'encrypt');
  const out = encrypt(version.payload.material, {
    alg: body.alg,
    value: requireBytes(body, 'value'),
    iv: optionalBytes(body, 'iv'),
    aad: optionalBytes(body, 'aad'),
  });
  const result: Record<string, unknown> = { kid, value: toBase64Url(out.value) };
  if (out.iv) result.iv = toBase64Url(out.iv);
  if (out.tag) result.tag = toBase64Url(out.tag);
  if (out.aad) result.aad = toBase64Url(out.aad);
  return ok(result);
}

function decryptRoute(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'decrypt');
  const { kid, version } = usableVersion(req, 'decrypt');
  const plaintext = decrypt(version.payload.material, {
    alg: body.alg,
    value: requireBytes(body, 'value'),
    iv: optionalBytes(body, 'iv'),
    aad: optionalBytes(body, 'aad'),
    tag: optionalBytes(body, 'tag'),
  });
  return ok({ kid, value: toBase64Url(plaintext) });
}

function wrapRoute(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'wrapkey');
  const { kid, version } = usableVersion(req, 'wrapKey');
  return ok({ kid, value: toBase64Url(wrapKey(version.payload.material, body.alg, requireBytes(body, 'value'))) });
}

function unwrapRoute(req: RouteRequest): RouteResponse {
  const body = requireObject(req.body, 'unwrapkey');
  const { kid, version } = usableVersion(req, 'unwrapKey');
  return ok({ kid, value: toBase64Url(unwrapKey(version.payload.material, body.alg, requireBytes(body, 'value'))) });
}

export const keyOperationRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/keys/{name}/{version?}/sign', permission: 'keys/sign', handler: sign },
  { method: 'POST', pattern: '/keys/{name}/{version?}/verify', permission: 'keys/verify', handler: verify },
  { method: 'POST', pattern: '/keys/{name}/{version?}/encrypt', permission: 'keys/encrypt', handler: encryptRoute },
  { method: 'POST', pattern: '/keys/{name}/{version?}/decrypt', permission: 'keys/decrypt', handler: decryptRoute },
  { method: 'POST', pattern: '/keys/{name}/{version?}/wrapkey', permission: 'keys/wrapKey', handler: wrapRoute },
  { method: 'POST', pattern: '/keys/{name}/{version?}/unwrapkey', permission: 'keys/unwrapKey', handler: unwrapRoute },
];
