// Managed-identity token endpoints on loopback, plain HTTP like the real ones:
//   IMDS         GET /metadata/identity/oauth2/token[/]?api-version=…&resource=…  (Metadata: true)
//   App Service  GET /msi/token?api-version=2019-08-01&resource=…   (X-IDENTITY-HEADER: secret)
// Both pick the system-assigned identity, or a user-assigned one by client_id, object_id
// or msi_res_id/mi_res_id. Every answer, errors included, has a JSON body.

import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeControl } from '../../text/escape-control.js';
import { BAD_TARGET_MESSAGE, answerUnparseable, parseRequestTarget, quoteTarget } from '../request-robustness.js';
import type { MintOptions, MintedToken, TokenClaims } from './jwt.js';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, createTokenIssuer } from './jwt.js';
import type { Identity, IdentityRegistry, IdentityRegistryOptions, IdentitySelector } from './registry.js';
import { createIdentityRegistry } from './registry.js';
import { formatHostPort, isLoopbackHost } from './loopback.js';

export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
export const APP_SERVICE_TOKEN_PATH = '/msi/token';
const APP_SERVICE_API_VERSION = '2019-08-01';

export interface IdentityServerOptions extends IdentityRegistryOptions {
  /** Loopback address to bind; default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Secret App Service clients must send as X-IDENTITY-HEADER; random by default. */
  identityHeader?: string;
  /** Lifetime of issued tokens; default 24 h like real managed identity tokens. */
  tokenLifetimeSeconds?: number;
}

export interface IdentityServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (what AZURE_POD_IDENTITY_AUTHORITY_HOST holds). */
  url: string;
  /** Full IMDS token endpoint URL. */
  imdsEndpoint: string;
  /** App Service style endpoint URL (what IDENTITY_ENDPOINT holds). */
  identityEndpoint: string;
  /** The App Service secret (what IDENTITY_HEADER holds). */
  identityHeader: string;
  tenantId: string;
  /** Environment for a client process to get tokens through IMDS (DefaultAzureCredential, ManagedIdentityCredential). */
  env: Record<string, string>;
  /** Environment for the App Service style instead (IDENTITY_ENDPOINT + IDENTITY_HEADER). */
  appServiceEnv: Record<string, string>;
  identities: IdentityRegistry;
  /** Claims of a token this server issued that is still valid (and for `audience`, if given); else null. */
  verifyToken(token: string, audience?: string): Promise<TokenClaims | null>;
  /** Mints a token directly, for an identity or its name (e.g. 'kvx-reader'). */
  mintToken(identity: Identity | string, resource: string, options?: MintOptions): Promise<MintedToken>;
  stop(): Promise<void>;
}

interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** IMDS errors look like OAuth errors. */
function imdsError(status: number, description: string): ErrorAnswer {
  return { status, body: { error: 'invalid_request', error_description: description } };
}

/** App Service errors carry statusCode/message/correlationId. */
function appServiceError(status: number, message: string): ErrorAnswer {
  return { status, body: { statusCode: status, message, correlationId: randomUUID() } };
}

function selectorFrom(query: URLSearchParams): IdentitySelector {
  return {
    clientId: query.get('client_id') ?? query.get('clientid') ?? undefined,
    objectId: query.get('object_id') ?? undefined,
    resourceId: query.get('msi_res_id') ?? query.get('mi_res_id') ?? undefined,
  };
}

function describeSelector(selector: IdentitySelector): string {
  if (selector.clientId) return `client_id ${selector.clientId}`;
  if (selector.objectId) return `object_id ${selector.objectId}`;
  return `resource id ${selector.resourceId ?? ''}`;
}

export async function startIdentityServer(options: IdentityServerOptions = {}): Promise<IdentityServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The identity server binds loopback only: use 127.0.0.1, ::1 or localhost, not "${host}"`);
  const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!(lifetime > 0)) throw new Error(`tokenLifetimeSeconds must be positive, got ${lifetime}`);
  const identityHeader = options.identityHeader ?? randomBytes(24).toString('hex');
  if (identityHeader === '') throw new Error('identityHeader cannot be empty');

  const identities = createIdentityRegistry(options);
  const issuer = await createTokenIssuer(identities.tenantId);

  async function issue(query: URLSearchParams, fail: (status: number, message: string) => ErrorAnswer): Promise<ErrorAnswer> {
    const resource = query.get('resource');
    if (!resource) return fail(400, 'Required query parameter "resource" is missing (e.g. resource=https://vault.azure.net)');
    const selector = selectorFrom(query);
    const identity = identities.find(selector);
    if (!identity) return fail(400, `Identity not found: no managed identity with ${describeSelector(selector)} is assigned`);
    const minted = await issuer.mintToken(identity, resource, { lifetimeSeconds: lifetime });
    const expiresIn = minted.expiresOn - minted.claims.iat;
    // Numbers as strings, as the real endpoints send them.
    return {
      status: 200,
      body: {
        access_token: minted.token,
        client_id: identity.clientId,
        expires_in: String(expiresIn),
        expires_on: String(minted.expiresOn),
        ext_expires_in: String(expiresIn),
        not_before: String(minted.claims.nbf),
        resource,
        token_type: 'Bearer',
      },
    };
  }

  async function handleImds(req: IncomingMessage, query: URLSearchParams): Promise<ErrorAnswer> {
    // The DefaultAzureCredential probe deliberately omits Metadata and expects a quick error.
    if (req.headers.metadata?.toString().toLowerCase() !== 'true') {
      return imdsError(400, 'Required metadata header not specified');
    }
    if (!query.get('api-version')) return imdsError(400, 'Required query parameter "api-version" is missing (e.g. api-version=2018-02-01)');
    return issue(query, imdsError);
  }

  async function handleAppService(req: IncomingMessage, query: URLSearchParams): Promise<ErrorAnswer> {
    const secret = req.headers['x-identity-header'];
    if (secret === undefined) return appServiceError(401, 'Required header X-IDENTITY-HEADER is missing: send the value of IDENTITY_HEADER');
    if (secret !== identityHeader) return appServiceError(401, 'X-IDENTITY-HEADER does not match IDENTITY_HEADER');
    const version = query.get('api-version');
    if (version !== APP_SERVICE_API_VERSION) {
      return appServiceError(400, `Unsupported api-version "${version ?? ''}": this endpoint speaks ${APP_SERVICE_API_VERSION}`);
    }
    return issue(query, appServiceError);
  }

  async function route(req: IncomingMessage): Promise<ErrorAnswer> {
    const url = parseRequestTarget(req.url, 'http://loopback');
    if (!url) return imdsError(400, BAD_TARGET_MESSAGE);
    const path = url.pathname.replace(/\/+$/, '').toLowerCase();
    if (path === IMDS_TOKEN_PATH) {
      return req.method === 'GET' ? handleImds(req, url.searchParams) : imdsError(405, `Method ${req.method} is not allowed: use GET`);
    }
    if (path === APP_SERVICE_TOKEN_PATH) {
      return req.method === 'GET' ? handleAppService(req, url.searchParams) : appServiceError(405, `Method ${req.method} is not allowed: use GET`);
    }
    return {
      status: 404,
      body: { error: 'not_found', error_description: `No endpoint at ${quoteTarget(url.pathname)}: token endpoints are ${IMDS_TOKEN_PATH} and ${APP_SERVICE_TOKEN_PATH}` },
    };
  }

  const server = createServer({ requireHostHeader: false }, async (req, res) => {
    let answer: ErrorAnswer;
    try {
      answer = await route(req);
    } catch (err) {
      // A bug here must not stop the endpoint (and the emulator and `kvx --demo` with it).
      process.emitWarning(`kvx emulator: identity endpoint: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}`);
      answer = { status: 500, body: { error: 'server_error', error_description: 'The token endpoint failed to process the request.' } };
    }
    // Drain any request body so keep-alive connections stay usable.
    req.resume();
    sendJson(res, answer.status, answer.body);
  });
  answerUnparseable(server, (message) => imdsError(400, message).body);
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://${formatHostPort(host, port)}`;

  return {
    url: base,
    imdsEndpoint: base + IMDS_TOKEN_PATH,
    identityEndpoint: base + APP_SERVICE_TOKEN_PATH,
    identityHeader,
    tenantId: identities.tenantId,
    env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: base },
    appServiceEnv: { IDENTITY_ENDPOINT: base + APP_SERVICE_TOKEN_PATH, IDENTITY_HEADER: identityHeader },
    identities,
    verifyToken: issuer.verifyToken,
    mintToken(identity, resource, mintOptions) {
      const chosen = typeof identity === 'string' ? identities.byName(identity) : identity;
      return issuer.mintToken(chosen, resource, { lifetimeSeconds: lifetime, ...mintOptions });
    },
    async stop() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
