// A purge is tracked to the end: the purge request only starts it, so the deleted item is
// polled until the service answers 404 — only then is the item gone and the operation
// reported `purged`.
import type { OperationContext } from './operations.js';

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Calls `getDeleted` until it fails with 404, reporting `purging` while the deleted item is
 * still there and waiting the context's interval between polls. Other failures are thrown.
 */
export async function waitUntilPurged(getDeleted: () => Promise<unknown>, context: OperationContext): Promise<void> {
  for (;;) {
    try {
      await getDeleted();
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw error;
    }
    context.progress('purging');
    await context.wait(context.intervalMs);
  }
}

/** True for the service's 409 "currently being deleted". */
export function isBeingDeleted(error: unknown): boolean {
  if (statusOf(error) !== 409) return false;
  const text = JSON.stringify((error as { details?: unknown }).details ?? '') + String((error as Error).message ?? '');
  return /ObjectIsBeingDeleted|currently being deleted/i.test(text);
}
