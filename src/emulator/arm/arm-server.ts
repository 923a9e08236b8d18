// The slice of Azure Resource Manager that kvx and the Key Vault management SDKs use, over
// HTTPS on loopback. Reads (vault discovery):
//   GET /subscriptions                                          list subscriptions
//   GET /subscriptions/{id}                                     one subscription
//   GET /subscriptions/{id}/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'
//   GET /subscriptions/{id}/providers/Microsoft.KeyVault/vaults
//   GET /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults[/{name}]
//   GET /providers/Microsoft.KeyVault/operations
//   POST /providers/Microsoft.ResourceGraph/resources              (arm-graph.ts)
// and, with a manager, the vault lifecycle (arm-vault-routes.ts). Lists page with nextLink.
// Every request needs a bearer token (verified when a verifier is given); errors carry ARM's
// {"error":{"code","message"}} body.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { formatHostPort, isLoopbackHost } from '../identity/loopback.js';
import { stableUuid } from '../identity/stable-id.js';
import type { ArmSubscription, ArmVault } from './arm-resources.js';
import {
  DEFAULT_RESOURCE_GROUP,
  VAULT_TYPE,
  KEYVAULT_OPERATIONS,
  armError,
  checkVault,
  operationResource,
  genericResource,
  subscriptionResource,
  vaultResource,
} from './arm-resources.js';
import { page, readSkipToken } from './arm-paging.js';
import { readJsonBody } from './arm-body.js';
import { answerGraphQuery } from './arm-graph.js';
import type { ArmVaultManager } from './arm-manager.js';
import { ArmError } from './arm-manager.js';
import { ArmOperations } from './arm-operations.js';
import type { Answer } from './arm-vault-routes.js';
import { routeVaultWrite } from './arm-vault-routes.js';
import { BAD_TARGET_MESSAGE, answerUnparseable, parseRequestTarget, quoteTarget } from '../request-robustness.js';

/** Path segments, percent-decoded; null when an escape is malformed (`%zz`, a lone `%`). */
function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

export interface ArmServerOptions {
  /** The vaults to list; a function is called per request, so vaults added later show up. */
  vaults: readonly ArmVault[] | (() => readonly ArmVault[]);
  /** Default: one subscription "kvx emulator" with the same stable id the identity registry uses. */
  subscriptions?: ArmSubscription[];
  /** Tenant of subscriptions and vaults; default the identity registry's stable tenant. */
  tenantId?: string;
  /** Server certificate and key (PEM), e.g. from createTlsBundle(). */
  tls: { certPem: string; keyPem: string };
  /**
   * Checks a bearer token for an audience and returns its claims or null; e.g. the identity
   * server's verifyToken. Without it any bearer token is accepted.
   */
  verifyToken?: (token: string) => Promise<{ aud?: unknown } | null>;
  /** Default 127.0.0.1; loopback only. */
  host?: string;
  port?: number;
  /** Items per page; default 100. */
  pageSize?: number;
  /** Vault lifecycle and access policies; without it the ARM answers reads only (writes → 405). */
  manager?: ArmVaultManager;
  /** What this ARM refuses with 403, changeable at run time (an identity without Reader, a tenant without Resource Graph). */
  refusals?: ArmRefusals;
  /** Called once per answered request (method, path without query, status); never with bodies. */
  onRequest?: (entry: { method: string; path: string; status: number; ms: number }) => void;
}

export interface ArmRefusals {
  /** Resource Graph queries answer 403 (the caller falls back to listing per subscription). */
  resourceGraph?: boolean;
  /** Every request answers 403, as for an identity with no role anywhere. */
  all?: boolean;
}

export interface ArmServer {
  /** Base URL, e.g. https://127.0.0.1:41235 (the `endpoint` for ARM clients). */
  url: string;
  subscriptions: readonly ArmSubscription[];
  /** What it refuses with 403; change at run time. */
  refusals: ArmRefusals;
  stop(): Promise<void>;
}

const AUDIENCES = ['https://management.azure.com', 'https://management.core.windows.net'];
const CHALLENGE = 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"';

/**
 * Public ARM audiences, or this server's own origin under any loopback name: clients scope
 * tokens to the endpoint they were given (`${endpoint}/.default`).
 */
function isArmAudience(audience: string, port: number): boolean {
  const trimmed = audience.replace(/\/+$/, '').toLowerCase();
  if (AUDIENCES.includes(trimmed)) return true;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && Number(url.port) === port && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

const fail = (status: number, code: string, message: string): Answer => ({ status, body: armError(code, message) });

export async function startArmServer(options: ArmServerOptions): Promise<ArmServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The ARM server binds loopback only: use 127.0.0.1, ::1 or localhost, not "${host}"`);
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  const tenantId = options.tenantId ?? stableUuid('tenant');
  const subscriptions = options.subscriptions ?? [{ subscriptionId: stableUuid('subscription'), displayName: 'kvx emulator' }];
  if (subscriptions.length === 0) throw new Error('The ARM server needs at least one subscription');
  const listVaults = (): readonly ArmVault[] => {
    const vaults = typeof options.vaults === 'function' ? options.vaults() : options.vaults;
    vaults.forEach(checkVault);
    return vaults;
  };
  listVaults(); // fail fast on bad input

  const subscriptionOf = (vault: ArmVault): string => vault.subscriptionId ?? subscriptions[0].subscriptionId;
  const operations = new ArmOperations();
  const refusals = options.refusals ?? {};
  let base = '';
  let port = 0;

  async function authenticate(req: IncomingMessage): Promise<Answer | null> {
    const header = req.headers.authorization;
    const unauthorized = (code: string, message: string): Answer => ({
      ...fail(401, code, message),
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
    if (!header) return unauthorized('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return unauthorized('AuthenticationFailed', "Authentication failed. The 'Authorization' header must be 'Bearer <token>'.");
    if (options.verifyToken) {
      const claims = await options.verifyToken(match[1]);
      if (!claims || !isArmAudience(String(claims.aud), port)) {
        return unauthorized('InvalidAuthenticationToken', 'The access token is invalid, expired, or not issued for Azure Resource Manager.');
      }
    }
    return null;
  }

  function listPage<T>(items: readonly T[], url: URL): Answer {
    const query = url.searchParams;
    const top = query.get('$top');
    let limited = items;
    if (top !== null) {
      if (!/^\d+$/.test(top) || Number(top) < 1) return fail(400, 'InvalidTopValue', `$top must be a positive integer, got "${top}"`);
      limited = items.slice(0, Number(top));
    }
    const offset = readSkipToken(query);
    if (typeof offset === 'string') return fail(400, 'InvalidSkipToken', offset);
    const result = page(limited, offset, { url: new URL(url.pathname + url.search, base), pageSize });
    return { status: 200, body: { value: result.value, nextLink: result.nextLink } };
  }

  function refused(action: string, scope: string): Answer {
    return fail(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }

  const allVaults = () => listVaults().map((vault) => ({ vault, subscriptionId: subscriptionOf(vault) }));

  async function route(req: IncomingMessage, url: URL): Promise<Answer> {
    const method = req.method ?? 'GET';
    if (!url.searchParams.get('api-version')) {
      return fail(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    }
    const parts = decodedSegments(url.pathname);
    if (!parts) return fail(400, 'InvalidRequestUri', `The path ${quoteTarget(url.pathname)} has a malformed percent-encoding.`);
    const lower = parts.map((p) => p.toLowerCase());
    if (refusals.all) return refused(method === 'GET' ? 'Microsoft.Resources/subscriptions/read' : 'Microsoft.KeyVault/vaults/write', url.pathname);
    const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(req);
    if (lower[0] === 'providers' && lower[1] === 'microsoft.resourcegraph' && lower[2] === 'resources' && parts.length === 3) {
      if (method !== 'POST') return fail(405, 'MethodNotAllowed', 'Resource Graph queries are POSTed.');
      if (refusals.resourceGraph) return refused('Microsoft.ResourceGraph/resources/read', '/providers/Microsoft.ResourceGraph');
      return answerGraphQuery({ body, vaults: allVaults(), subscriptionIds: subscriptions.map((s) => s.subscriptionId), tenantId });
    }
    if (lower[0] === 'providers' && lower[1] === 'microsoft.keyvault' && lower[2] === 'operations' && parts.length === 3) {
      if (method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on the operations list.`);
      return { status: 200, body: { value: KEYVAULT_OPERATIONS.map(operationResource) } };
    }
    if (lower[0] !== 'subscriptions') return fail(404, 'NotFound', `No ARM resource at ${url.pathname}: try /subscriptions`);
    if (parts.length === 1) {
      if (method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on /subscriptions.`);
      return listPage(subscriptions.map((s) => subscriptionResource(s, tenantId)), url);
    }

    const subscription = subscriptions.find((s) => s.subscriptionId.toLowerCase() === lower[1]);
    if (!subscription) return fail(404, 'SubscriptionNotFound', `The subscription '${parts[1]}' could not be found.`);
    const subscriptionId = subscription.subscriptionId;
    if (options.manager) {
      const written = await routeVaultWrite(
        { manager: options.manager, operations, base, tenantId, subscriptionId, vaults: allVaults },
        method,
        parts.slice(2),
        body,
      );
      if (written) return written;
    }
    if (method !== 'GET') {
      return fail(405, 'MethodNotAllowed', `Method ${method} is not supported here${options.manager ? '' : ': this emulated ARM answers GET only'}`);
    }
    const inSubscription = listVaults().filter((v) => subscriptionOf(v).toLowerCase() === subscriptionId.toLowerCase());
    const rest = lower.slice(2);
    const isVaultProvider = (p: string[]): boolean => p.length === 3 && p[0] === 'providers' && p[1] === 'microsoft.keyvault' && p[2] === 'vaults';

    if (rest.length === 0) return { status: 200, body: subscriptionResource(subscription, tenantId) };
    if (rest.length === 1 && rest[0] === 'resources') {
      const filter = url.searchParams.get('$filter');
      if (filter !== null && !new RegExp(`^\\s*resourceType\\s+eq\\s+'${VAULT_TYPE}'\\s*$`, 'i').test(filter)) {
        return fail(400, 'InvalidFilterInQueryString', `Unsupported $filter "${filter}": this emulated ARM supports resourceType eq '${VAULT_TYPE}'`);
      }
      return listPage(inSubscription.map((v) => genericResource(v, subscriptionId)), url);
    }
    if (isVaultProvider(rest)) return listPage(inSubscription.map((v) => vaultResource(v, subscriptionId, tenantId)), url);

    if (rest[0] === 'resourcegroups' && rest.length >= 5 && isVaultProvider(rest.slice(2, 5))) {
      const group = rest[1];
      const inGroup = inSubscription.filter((v) => (v.resourceGroup ?? DEFAULT_RESOURCE_GROUP).toLowerCase() === group);
      if (rest.length === 5) return listPage(inGroup.map((v) => vaultResource(v, subscriptionId, tenantId)), url);
      if (rest.length === 6) {
        const vault = inGroup.find((v) => v.name.toLowerCase() === rest[5]);
        if (!vault) {
          return fail(
            404,
            'ResourceNotFound',
            `The Resource '${VAULT_TYPE}/${parts[7]}' under resource group '${parts[3]}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
          );
        }
        return { status: 200, body: vaultResource(vault, subscriptionId, tenantId) };
      }
    }
    return fail(404, 'NotFound', `No ARM resource at ${url.pathname}: this emulated ARM serves subscriptions and ${VAULT_TYPE}`);
  }

  async function answer(req: IncomingMessage): Promise<Answer> {
    const url = parseRequestTarget(req.url, base);
    if (!url) return fail(400, 'InvalidRequestUri', BAD_TARGET_MESSAGE);
    try {
      return (await authenticate(req)) ?? (await route(req, url));
    } catch (error) {
      if (error instanceof ArmError) return fail(error.status, error.code, error.message);
      // e.g. a vaults() callback returning a bad entry: report it, do not crash the server.
      return fail(500, 'InternalServerError', (error as Error).message);
    }
  }

  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, requireHostHeader: false }, (req, res) => {
    const started = performance.now();
    void answer(req).then((result) => {
      req.resume();
      // An empty body (202 of a long-running operation, 200 of a delete) is sent as nothing.
      const text = result.body === '' ? '' : JSON.stringify(result.body);
      res.writeHead(result.status, {
        ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        'Content-Length': Buffer.byteLength(text),
        'x-ms-request-id': randomUUID(),
        ...result.headers,
      });
      res.end(text);
      options.onRequest?.({ method: req.method ?? '?', path: (req.url ?? '/').split('?')[0], status: result.status, ms: Math.round(performance.now() - started) });
    });
  });
  answerUnparseable(server, (message) => armError('InvalidRequestUri', message));
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `https://${formatHostPort(host, port)}`;

  return {
    url: base,
    subscriptions,
    refusals,
    async stop() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
