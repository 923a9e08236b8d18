// Headers on every answer, as the service sends them.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers the service sends on every answer: no caching, HSTS, nosniff, its region and
 * network view of the caller, a request id of its own, and the client's request id echoed
 * (clients log it to match their requests with the service's).
 */
export function setServiceHeaders(req: IncomingMessage, res: ServerResponse, location: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Expires', '-1');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000;includeSubDomains');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('x-ms-keyvault-region', location);
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  const v6 = address.includes(':') && !address.startsWith('::ffff:');
  res.setHeader(
    'x-ms-keyvault-network-info',
    `conn_type=${v6 ? 'Ipv6' : 'Ipv4'};addr=${address.replace(/^::ffff:/, '')};act_addr_fam=${v6 ? 'InterNetworkV6' : 'InterNetwork'};`,
  );
  res.setHeader('x-ms-keyvault-service-version', '1.9.0.0');
  res.setHeader('x-ms-request-id', randomUUID());
  const clientRequestId = req.headers['x-ms-client-request-id'];
  // Echoed only when it is a plain token (the clients send a GUID), never arbitrary bytes.
  if (typeof clientRequestId === 'string' && /^[\x21-\x7e]{1,200}$/.test(clientRequestId)) {
    res.setHeader('x-ms-client-request-id', clientRequestId);
  }
}
