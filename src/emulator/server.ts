// One HTTPS server per vault. Each request goes: admin API (the run's admin token) | challenge auth (and in
// strict mode the token check) → api-version → route → faults → access policy → handler →
// JSON response with the service's error shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessControl, Caller } from './access/access-control.js';
import { forbiddenMessage } from './access/access-control.js';
import { ADMIN_PREFIX } from './admin-routes.js';
import { adminTokenMissing, hasAdminToken } from './admin-token.js';
import { checkApiVersion } from './api-versions.js';
import { badParameter, ServiceError } from './errors.js';
import { faultError } from './fault-errors.js';
import type { FaultController } from './faults.js';
import type { HttpsListeners } from './https-listeners.js';
import { createHttpsListeners } from './https-listeners.js';
import { parseJsonBody, readBody } from './request-body.js';
import { BAD_TARGET_MESSAGE, parseRequestTarget } from './request-robustness.js';
import type { RequestTracker } from './request-tracker.js';
import type { HttpMethod, Router } from './router.js';
import { setServiceHeaders } from './service-headers.js';
import type { VaultState } from './vault-state.js';
import { internalError, send, sendError } from './vault-response.js';

const METHODS = new Set<string>(['GET', 'PUT', 'POST', 'PATCH', 'DELETE']);

export interface RequestLogEntry {
  vault: string;
  /** `arm` for the management plane (vault is then `(arm)`); absent for a vault's own requests. */
  plane?: 'arm';
  method: string;
  /** Path only: the query is left out, bodies are never logged. */
  path: string;
  status: number;
  ms: number;
}

export interface VaultServerOptions {
  vault: VaultState;
  router: Router;
  adminRouter: Router;
  faults: FaultController;
  /** Token check (strict mode) and access policies. */
  access: AccessControl;
  tenantId: string;
  /** Region named in 403 messages (`NAME;location=…`). */
  location: string;
  tls: { key: string; cert: string };
  /** Secret every `/_emulator/*` request must carry (Bearer or x-kvx-admin-token). */
  adminToken: string;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Counts requests from arrival until they are answered and logged. */
  tracker?: RequestTracker;
}

export type VaultServer = HttpsListeners;

export function createVaultServer(options: VaultServerOptions): VaultServer {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    options.tracker?.started();
    res.on('close', () => {
      try {
        options.onRequest?.({
          vault: options.vault.name,
          method: req.method ?? '?',
          path,
          status: res.headersSent ? res.statusCode : 0,
          ms: Math.round(performance.now() - started),
        });
      } finally {
        // After the log line, so "idle" means every answered request is in the log.
        options.tracker?.finished();
      }
    });
    setServiceHeaders(req, res, options.location);
    handle(options, req, res).catch((err: unknown) => {
      // Only reached for bugs in the pipeline itself; handlers' errors are answered in handle().
      if (!res.headersSent) send(res, 500, internalError(err).toBody());
      else res.destroy();
    });
  };
  return createHttpsListeners(options.tls, onRequest);
}

async function handle(options: VaultServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof ServiceError) return sendError(res, err);
    res.destroy();
    return;
  }
  const url = parseRequestTarget(req.url, 'https://vault.invalid');
  if (!url) return sendError(res, badParameter(BAD_TARGET_MESSAGE));

  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    if (!hasAdminToken(req, options.adminToken)) return sendError(res, adminTokenMissing());
    return dispatch(options, options.adminRouter, req, res, url, method, raw, '');
  }

  const challenge = `Bearer authorization="https://login.microsoftonline.com/${options.tenantId}", resource="https://vault.azure.net"`;
  const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '');
  if (!bearer) {
    res.setHeader('WWW-Authenticate', challenge);
    return sendError(res, new ServiceError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'));
  }
  const authentication = await options.access.authenticate(bearer[1]);
  if (!authentication.ok) {
    // The challenge again, so the client may fetch a fresh token once before giving up.
    res.setHeader('WWW-Authenticate', challenge);
    return sendError(res, authentication.error);
  }

  let apiVersion: string;
  try {
    apiVersion = checkApiVersion(url.searchParams);
  } catch (err) {
    return sendError(res, err as ServiceError);
  }
  return dispatch(options, options.router, req, res, url, method, raw, apiVersion, authentication.caller);
}

async function dispatch(
  options: VaultServerOptions,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  raw: Buffer,
  apiVersion: string,
  caller?: Caller,
): Promise<void> {
  const match = METHODS.has(method) ? router.match(method, url.pathname) : ({ kind: 'not-found' } as const);
  if (match.kind === 'not-found') {
    return sendError(res, badParameter(`Unknown operation: ${method.slice(0, 10)} ${url.pathname.slice(0, 200)}.`));
  }
  if (match.kind === 'method-not-allowed') {
    return sendError(
      res,
      badParameter(`Method ${method} is not supported on ${url.pathname.slice(0, 200)}; allowed: ${match.allowed.join(', ')}.`),
    );
  }
  const { route, params } = match;

  if (router !== options.adminRouter) {
    const decision = options.faults.decide(route.permission, { method, path: url.pathname });
    if (decision.delayMs > 0) await delay(decision.delayMs);
    // The client may have given up during the delay (req itself is done once its body is read).
    if (req.socket.destroyed) return;
    if (decision.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const fault = faultError(decision, (permission) => forbiddenMessage(caller, permission, options.vault.name, options.location));
    if (fault) return sendError(res, fault);
    const denied = options.access.authorize(options.vault.name, caller, route.permission);
    if (denied) return sendError(res, denied);
    // A `request` gate (gates.ts) keeps the request unanswered until the test releases it.
    const held = options.vault.gates.catchRequest(method, url.pathname);
    if (held.length > 0) {
      await options.vault.gates.whenPassed(held);
      if (req.socket.destroyed) return;
    }
  }

  let body: unknown;
  try {
    body = parseJsonBody(raw);
  } catch (err) {
    return sendError(res, err as ServiceError);
  }
  try {
    const result = await route.handler({
      vault: options.vault,
      params,
      query: url.searchParams,
      body,
      apiVersion,
      method: method as HttpMethod,
      path: url.pathname,
      headers: req.headers,
    });
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    send(res, result.status, result.body);
  } catch (err) {
    sendError(res, err instanceof ServiceError ? err : internalError(err));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
