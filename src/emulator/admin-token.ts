// The admin API (`/_emulator/*`) rewrites faults and access policies, and any local process can
// reach it: every request must carry the run's secret admin token.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ServiceError } from './errors.js';

/** True when the request carries `adminToken` as `x-kvx-admin-token` or a Bearer token (compared in constant time). */
export function hasAdminToken(req: IncomingMessage, adminToken: string): boolean {
  const header = req.headers['x-kvx-admin-token'];
  const given = typeof header === 'string' ? header : /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 401 for an admin request without the token, saying where the token is and how to send it. */
export function adminTokenMissing(): ServiceError {
  return new ServiceError(
    401,
    'Unauthorized',
    "The emulator's admin API needs this run's admin token (adminToken in the ready line, emu.adminToken in the library): " +
      "send 'Authorization: Bearer <adminToken>' or 'x-kvx-admin-token: <adminToken>'.",
  );
}
