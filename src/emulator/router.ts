/**
 * Route registration. A collection module exports a `RouteModule` (a list of routes) and is
 * added to the list in routes.ts — one line. A route is a method, a path pattern and a
 * handler; patterns use `{param}` for one path segment and `{param?}` for a segment that may
 * be empty or absent (`/secrets/{name}/{version?}` matches `/secrets/a`, `/secrets/a/` and
 * `/secrets/a/0123...`). Handlers return `{status, body}` or throw a ServiceError; the server
 * has already checked auth, api-version and faults, and parsed the JSON body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { VaultState } from './vault-state.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  vault: VaultState;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  apiVersion: string;
  method: HttpMethod;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface RouteResponse {
  status: number;
  /** Serialized as JSON; omitted (empty body) when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  pattern: string;
  /**
   * The permission the service would check, as `collection/operation` (e.g. `secrets/get`,
   * `keys/sign`); used by the 403 fault and named in its message.
   */
  permission: string;
  handler: (req: RouteRequest) => RouteResponse | Promise<RouteResponse>;
}

export interface RouteModule {
  name: string;
  routes: readonly Route[];
}

interface CompiledRoute {
  route: Route;
  segments: { literal?: string; param?: string; optional: boolean }[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

export class Router {
  private readonly compiled: CompiledRoute[] = [];

  constructor(modules: readonly RouteModule[]) {
    for (const mod of modules) for (const route of mod.routes) this.add(route);
  }

  add(route: Route): void {
    const segments = route.pattern
      .split('/')
      .slice(1)
      .map((part) => {
        const m = /^\{([A-Za-z][A-Za-z0-9_-]*)(\?)?\}$/.exec(part);
        if (m) return { param: m[1], optional: m[2] === '?' };
        return { literal: part.toLowerCase(), optional: false };
      });
    this.compiled.push({ route, segments });
  }

  /** `path` is the raw (still percent-encoded) path without the query. */
  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').slice(1);
    const allowed: HttpMethod[] = [];
    let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.route.method !== method) {
        allowed.push(c.route.method);
        continue;
      }
      // The most literal pattern wins: `/secrets/{name}/versions` over `/secrets/{name}/{version?}`.
      const literals = c.segments.filter((s) => s.literal !== undefined).length;
      if (!best || literals > best.literals) best = { route: c.route, params, literals };
    }
    if (best) return { kind: 'found', route: best.route, params: best.params };
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(segments: CompiledRoute['segments'], allParts: string[]): Record<string, string> | null {
  // A trailing slash is harmless (`/secrets/` lists like `/secrets`), unless the pattern ends
  // with an optional segment, which then matches empty.
  const parts = allParts.length === segments.length + 1 && allParts[allParts.length - 1] === '' ? allParts.slice(0, -1) : allParts;
  if (parts.length > segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const part = parts[i];
    if (part === undefined) {
      if (!seg.optional) return null;
      params[seg.param as string] = '';
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (seg.literal !== undefined) {
      if (decoded.toLowerCase() !== seg.literal) return null;
    } else {
      if (decoded === '' && !seg.optional) return null;
      params[seg.param as string] = decoded;
    }
  }
  return params;
}
