// Reading a vault request's body: bounded in size, parsed as JSON when there is one.
import type { IncomingMessage } from 'node:http';
import { badParameter } from './errors.js';

/** Larger than any valid request (25 KiB secret values, backup blobs of many versions). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The whole body; rejects with a 400 ServiceError past MAX_BODY_BYTES (the rest is drained). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
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

/** The parsed body (undefined when empty); throws a 400 ServiceError when it is not JSON. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badParameter('The request body is not valid JSON.');
  }
}
