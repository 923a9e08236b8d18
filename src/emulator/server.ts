// One HTTPS server per vault. Each request goes: admin API (the run's admin token) | challenge auth (and in
// strict mode the token check) → api-version → route → faults → access policy → handler →
// JSON response with the service's error shape.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { escapeControl } from '../text/escape-control.js';
import type { AccessControl, Caller } from './access/access-control.js';
import { forbiddenMessage } from './access/access-control.js';
import { ADMIN_PREFIX } from './admin-routes.js';
import { checkApiVersion } from './api-versions.js';
import { badParameter, ServiceError } from './errors.js';
import { setServiceHeaders } from './service-headers.js';
import type { FaultController } from './faults.js';
import { BAD_TARGET_MESSAGE, answerUnparseable, parseRequestTarget } from './request-robustness.js';
import type { RequestTracker } from './request-tracker.js';
import type { HttpMethod, Router } from './router.js';
import type { VaultState } from './vault-state.js';

/** Larger than any valid request (25 KiB secret values, backup blobs of many versions). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
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

export interface VaultServer {
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

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
  const servers: https.Server[] = [];
  const listenOne = (port: number, address: string): Promise<number> => {
    const server = https.createServer({ key: options.tls.key, cert: options.tls.cert, requireHostHeader: false }, onRequest);
    answerUnparseable(server, (message) => badParameter(message).toBody());
    // Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment
    // (likely on a loaded machine) gets ECONNRESET. The service keeps idle connections for
    // minutes, so clients never meet that race there: neither should they here.
    server.keepAliveTimeout = 120_000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: address, exclusive: true }, () => {
        server.off('error', reject);
        servers.push(server);
        resolve((server.address() as AddressInfo).port);
      });
    });
  };
  return {
    async listen(port, host) {
      if (host !== 'localhost') return listenOne(port, host);
      // `localhost` may resolve to 127.0.0.1 or ::1 depending on the machine: answer on both,
      // same port, so https://localhost:PORT works everywhere. ::1 is best effort (no IPv6).
      for (let attempt = 0; ; attempt++) {
        const bound = await listenOne(port, '127.0.0.1');
        try {
          await listenOne(bound, '::1');
          return bound;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return bound;
          if (code !== 'EADDRINUSE' || port !== 0 || attempt >= 5) throw err;
          // Port 0 gave a port whose ::1 twin is taken: try another.
          await closeServer(servers.pop() as https.Server);
        }
      }
    },
    async close() {
      await Promise.all(servers.splice(0).map(closeServer));
    },
  };
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
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
    if (!hasAdminToken(req, options.adminToken)) {
      return sendError(
        res,
        new ServiceError(
          401,
          'Unauthorized',
          "The emulator's admin API needs this run's admin token (adminToken in the ready line, emu.adminToken in the library): " +
            "send 'Authorization: Bearer <adminToken>' or 'x-kvx-admin-token: <adminToken>'.",
        ),
      );
    }
    return dispatch(options, options.adminRouter, req, res, url, method, raw, '');
  }

  const challenge = `Bearer authorization="https://login.microsoftonline.com/${options.tenantId}", resource="https://vault.azure.net"`;
  const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '');
  if (!bearer) {
    res.setHeader('WWW-Authenticate', challenge);
    return sendError(res, new ServiceError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'));
  }
  const authentication = options.access.authenticate(bearer[1]);
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
    switch (decision.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'throttle': {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        const headers: Record<string, string> = { 'Retry-After': String(seconds) };
        if (decision.retryAfterMs % 1000 !== 0) headers['retry-after-ms'] = String(Math.round(decision.retryAfterMs));
        return sendError(
          res,
          new ServiceError(429, 'Throttled', 'Request was not processed because too many requests were received.', undefined, headers),
        );
      }
      case 'error':
        return sendError(
          res,
          decision.status === 500
            ? new ServiceError(500, 'InternalServerError', 'The service encountered an internal error (injected fault).')
            : new ServiceError(503, 'ServiceUnavailable', 'The service is temporarily unavailable (injected fault).'),
        );
      case 'forbidden':
        return sendError(
          res,
          new ServiceError(403, 'Forbidden', forbiddenMessage(caller, decision.permission, options.vault.name, options.location), 'ForbiddenByPolicy'),
        );
      case 'none':
        break;
    }
    const denied = options.access.authorize(options.vault.name, caller, route.permission);
    if (denied) return sendError(res, denied);
    // A `request` gate (gates.ts) keeps the request unanswered until the test releases it.
    const held = options.vault.gates.catchRequest(method, url.pathname);
    if (held.length > 0) {
      await options.vault.gates.whenPassed(held);
      if (req.socket.destroyed) return;
    }
  }

  let body: unknown = undefined;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(res, badParameter('The request body is not valid JSON.'));
    }
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

/** Any local process can reach the admin API, which rewrites faults and access policies: it needs the run's secret. */
function hasAdminToken(req: IncomingMessage, adminToken: string): boolean {
  const header = req.headers['x-kvx-admin-token'];
  const given = typeof header === 'string' ? header : /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

function internalError(err: unknown): ServiceError {
  // Kept off the wire. The message may quote request text (a TypeError names its input), and
  // in --demo stderr is kvx's own screen: escape control and invisible characters.
  process.emitWarning(`kvx emulator: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}`);
  return new ServiceError(500, 'InternalServerError', 'The emulator failed to process the request.');
}

function sendError(res: ServerResponse, err: ServiceError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  send(res, err.status, err.toBody());
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (body === undefined || status === 204) {
    res.setHeader('Content-Length', '0');
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(badParameter(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
