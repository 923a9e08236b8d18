/**
 * Admin API for access policies, on every vault origin beside the faults API (no auth):
 *
 *   GET   /_emulator/access-policies  → {"strict", "accessPolicies": [...]} of this vault
 *   PUT   /_emulator/access-policies  body {"accessPolicies": [...]}: replaces this vault's list
 *   PATCH /_emulator/access-policies  body {"accessPolicies": [...]}: adds entries, or replaces
 *                                     the entry of the same identity
 *
 * Entries name an identity (`{"identity": "kvx-reader", "permissions": {"secrets": ["get"]}}`)
 * or an object id. Policies are only enforced in strict mode. Bad input → 400 saying what is allowed.
 */
import { badParameter } from '../errors.js';
import type { IdentityRegistry } from '../identity/index.js';
import type { RouteModule, RouteRequest, RouteResponse } from '../router.js';
import type { AccessControl } from './access-control.js';
import type { AccessPolicy } from './access-policies.js';
import { parseAccessPolicies } from './access-policies.js';

export const ACCESS_POLICIES_PATH = '/_emulator/access-policies';

export function createAccessAdminRoutes(access: AccessControl, identities: IdentityRegistry): RouteModule {
  const state = (req: RouteRequest): RouteResponse => ({
    status: 200,
    body: { strict: access.strict, accessPolicies: access.policies.get(req.vault.name) },
  });
  const parse = (body: unknown): AccessPolicy[] => {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !('accessPolicies' in body)) {
      throw badParameter('The body must be a JSON object like {"accessPolicies": [{"identity": "kvx-reader", "permissions": {"secrets": ["get", "list"]}}]}.');
    }
    const extra = Object.keys(body).filter((k) => k !== 'accessPolicies');
    if (extra.length > 0) throw badParameter(`Unknown field '${extra[0].slice(0, 40)}'; allowed: accessPolicies.`);
    try {
      return parseAccessPolicies((body as { accessPolicies: unknown }).accessPolicies, identities);
    } catch (err) {
      throw badParameter((err as Error).message);
    }
  };
  return {
    name: 'access-admin',
    routes: [
      { method: 'GET', pattern: ACCESS_POLICIES_PATH, permission: 'admin', handler: state },
      {
        method: 'PUT',
        pattern: ACCESS_POLICIES_PATH,
        permission: 'admin',
        handler: (req) => {
          access.policies.set(req.vault.name, parse(req.body));
          return state(req);
        },
      },
      {
        method: 'PATCH',
        pattern: ACCESS_POLICIES_PATH,
        permission: 'admin',
        handler: (req) => {
          const changes = parse(req.body);
          const same = (a: AccessPolicy, b: AccessPolicy) => a.tenantId === b.tenantId && a.objectId === b.objectId;
          const kept = access.policies.get(req.vault.name).filter((p) => !changes.some((c) => same(c, p)));
          access.policies.set(req.vault.name, [...kept, ...changes]);
          return state(req);
        },
      },
    ],
  };
}
