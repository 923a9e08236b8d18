// The slice of Azure Resource Manager that vault discovery uses, over HTTPS on loopback:
//   GET /subscriptions                                          list subscriptions
//   GET /subscriptions/{id}                                     one subscription
//   GET /subscriptions/{id}/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'
//   GET /subscriptions/{id}/providers/Microsoft.KeyVault/vaults
//   GET /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults[/{name}]
// Lists page with nextLink. Every request needs a bearer token (verified when a verifier is
// given); errors carry ARM's {"error":{"code","message"}} body.

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
  armError,
  checkVault,
  genericResource,
  subscriptionResource,
  vaultResource,
} from './arm-resources.js';
import { page, readSkipToken } from './arm-paging.js';
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
  verifyToken?: (token: string) => { aud?: unknown } | null;
  /** Default 127.0.0.1; loopback only. */
  host?: string;
  port?: number;
  /** Items per page; default 100. */
  pageSize?: number;
}

export interface ArmServer {
  /** Base URL, e.g. https://127.0.0.1:41235 (the `endpoint` for ARM clients). */
  url: string;
  subscriptions: readonly ArmSubscription[];
  stop(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
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
  let base = '';
  let port = 0;

  function authenticate(req: IncomingMessage): Answer | null {
    const header = req.headers.authorization;
    const unauthorized = (code: string, message: string): Answer => ({
      ...fail(401, code, message),
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
    if (!header) return unauthorized('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return unauthorized('AuthenticationFailed', "Authentication failed. The 'Authorization' header must be 'Bearer <token>'.");
    if (options.verifyToken) {
      const claims = options.verifyToken(match[1]);
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

  function route(req: IncomingMessage, url: URL): Answer {
    if (req.method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${req.method} is not supported here: this emulated ARM answers GET only`);
    if (!url.searchParams.get('api-version')) {
      return fail(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    }
    const parts = decodedSegments(url.pathname);
    if (!parts) return fail(400, 'InvalidRequestUri', `The path ${quoteTarget(url.pathname)} has a malformed percent-encoding.`);
    const lower = parts.map((p) => p.toLowerCase());
    if (lower[0] !== 'subscriptions') return fail(404, 'NotFound', `No ARM resource at ${url.pathname}: try /subscriptions`);
    if (parts.length === 1) return listPage(subscriptions.map((s) => subscriptionResource(s, tenantId)), url);

    const subscription = subscriptions.find((s) => s.subscriptionId.toLowerCase() === lower[1]);
    if (!subscription) return fail(404, 'SubscriptionNotFound', `The subscription '${parts[1]}' could not be found.`);
    const subscriptionId = subscription.subscriptionId;
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

  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, requireHostHeader: false }, (req, res) => {
    const url = parseRequestTarget(req.url, base);
    let answer: Answer;
    try {
      answer = url ? (authenticate(req) ?? route(req, url)) : fail(400, 'InvalidRequestUri', BAD_TARGET_MESSAGE);
    } catch (error) {
      // e.g. a vaults() callback returning a bad entry: report it, do not crash the server.
      answer = fail(500, 'InternalServerError', (error as Error).message);
    }
    req.resume();
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'x-ms-request-id': randomUUID(),
      ...answer.headers,
    });
    res.end(text);
  });
  answerUnparseable(server, (message) => armError('InvalidRequestUri', message));
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `https://${formatHostPort(host, port)}`;

  return {
    url: base,
    subscriptions,
    async stop() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
