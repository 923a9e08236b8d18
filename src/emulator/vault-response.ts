// Writing a vault server's answers: JSON bodies with their length, errors in the service's
// shape with their headers, and the 500 for a bug that keeps its details off the wire.
import type { ServerResponse } from 'node:http';
import { escapeControl } from '../text/escape-control.js';
import { ServiceError } from './errors.js';

export function internalError(err: unknown): ServiceError {
  // Kept off the wire. The message may quote request text (a TypeError names its input), and
  // in --demo stderr is kvx's own screen: escape control and invisible characters.
  process.emitWarning(`kvx emulator: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}`);
  return new ServiceError(500, 'InternalServerError', 'The emulator failed to process the request.');
}

export function sendError(res: ServerResponse, err: ServiceError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  send(res, err.status, err.toBody());
}

export function send(res: ServerResponse, status: number, body: unknown): void {
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
