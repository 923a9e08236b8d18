// What an injected fault answers on the wire, in the service's shape.
import { ServiceError } from './errors.js';
import type { FaultDecision } from './faults.js';

/**
 * The error a fault answers with: 429 with Retry-After (and retry-after-ms when not whole
 * seconds), 500/503, or a 403 worded by `forbiddenMessage`. Undefined for `none` and `reset`,
 * which send no answer.
 */
export function faultError(decision: FaultDecision, forbiddenMessage: (permission: string) => string): ServiceError | undefined {
  switch (decision.kind) {
    case 'throttle': {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      const headers: Record<string, string> = { 'Retry-After': String(seconds) };
      if (decision.retryAfterMs % 1000 !== 0) headers['retry-after-ms'] = String(Math.round(decision.retryAfterMs));
      return new ServiceError(429, 'Throttled', 'Request was not processed because too many requests were received.', undefined, headers);
    }
    case 'error':
      return decision.status === 500
        ? new ServiceError(500, 'InternalServerError', 'The service encountered an internal error (injected fault).')
        : new ServiceError(503, 'ServiceUnavailable', 'The service is temporarily unavailable (injected fault).');
    case 'forbidden':
      return new ServiceError(403, 'Forbidden', forbiddenMessage(decision.permission), 'ForbiddenByPolicy');
    case 'reset':
    case 'none':
      return undefined;
  }
}
