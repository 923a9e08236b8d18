// After the service accepted a change (DELETE 200, recover 200, purge 204), kvx follows it with
// polls until it has finished. When following fails (503s, resets) the change still happened:
// the operation then says what is known ("delete accepted; could not confirm: 503") instead of
// "failed", and keeps a run that re-checks. This file holds the pieces: seeing the acceptance
// in the operation's responses, the wait loops used by re-checks, and the unknown's reason.
import type { OperationContext, RawResponseLike } from '../operations.js';

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Why following failed, short: "503 ServiceUnavailable", "ECONNRESET". Never the response body. */
export function whyUnknown(error: unknown): string {
  const status = statusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' && /^[A-Za-z0-9_.]{1,40}$/.test(code) ? code : undefined;
  if (status !== undefined) return codeText ? `${status} ${codeText}` : String(status);
  return codeText ?? 'no answer from the vault';
}

/** True for a 2xx answer to `method` on exactly `path` (case-insensitive, trailing slash allowed). */
export function answeredOk(method: string, path: string): (response: RawResponseLike) => boolean {
  return (response) => {
    if (response.request.method !== method || response.status < 200 || response.status >= 300) return false;
    try {
      return new URL(response.request.url).pathname.replace(/\/+$/, '').toLowerCase() === path.toLowerCase();
    } catch {
      return false;
    }
  };
}

export interface AcceptanceWatch {
  /** The operation's context, with every response also checked for the acceptance. */
  context: OperationContext;
  readonly accepted: boolean;
}

/** Watches the operation's responses for the one that means the service took the change. */
export function watchAcceptance(context: OperationContext, isAcceptance: (response: RawResponseLike) => boolean): AcceptanceWatch {
  let accepted = false;
  const watched = Object.create(context) as OperationContext;
  Object.defineProperty(watched, 'onResponse', {
    value: (response: RawResponseLike) => {
      if (isAcceptance(response)) accepted = true;
      context.onResponse(response);
    },
  });
  return {
    context: watched,
    get accepted() {
      return accepted;
    },
  };
}

/**
 * Calls `get` until it answers (then resolves) — 404 means "not yet": wait the interval and ask
 * again. `doneOn` lists other statuses that also end the wait (the delete poller treats 403 so).
 */
export async function waitUntilFound(get: () => Promise<unknown>, context: OperationContext, step: string, doneOn: readonly number[] = []): Promise<void> {
  for (;;) {
    try {
      await get();
      return;
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && doneOn.includes(status)) return;
      if (status !== 404) throw error;
    }
    context.progress(step);
    await context.wait(context.intervalMs);
  }
}
