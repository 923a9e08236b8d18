// Sign-in as the store sees it: the credential's getToken, wrapped so that (1) the screen can
// say a sign-in is pending, with what, since when, and (2) disposing the store abandons it at
// once. The store's signal joins the request's own, so a credential that honours abortSignal
// (the SDK's do) closes its request; the race makes even one that does not settle now.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

export interface SignInState {
  /** What is signing in, for people: "managed identity", "the Azure CLI", … */
  label: string;
  /** Epoch ms when the oldest pending getToken started. */
  since: number;
}

export interface SignInTracking {
  label: string;
  now(): number;
  /** Aborted when the store is disposed. */
  signal: AbortSignal;
  onChange(state: SignInState | undefined): void;
  /**
   * A getToken that ends sooner is not shown: most are answered from the credential's cache
   * at once, and a :find across 200 vaults asks for one per client (every one of them used
   * to publish "signing in…" and its end, re-rendering the screen twice each).
   */
  showAfterMs?: number;
}

const closing = () => Object.assign(new Error('sign-in abandoned: kvx is closing'), { name: 'AbortError' });

/** Rejects when `signal` aborts; `off` removes the listener once the race is over. */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; off(): void } {
  let fail = () => {};
  const promise = new Promise<never>((_, reject) => {
    fail = () => reject(closing());
  });
  promise.catch(() => undefined);
  signal.addEventListener('abort', fail, { once: true });
  return { promise, off: () => signal.removeEventListener('abort', fail) };
}

export const SHOW_SIGN_IN_AFTER_MS = 200;

export function trackSignIn(credential: TokenCredential, tracking: SignInTracking): TokenCredential {
  let pending = 0;
  let shown = false;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  const started = () => {
    const state = { label: tracking.label, since: tracking.now() };
    showTimer = setTimeout(() => {
      showTimer = undefined;
      shown = true;
      tracking.onChange(state);
    }, tracking.showAfterMs ?? SHOW_SIGN_IN_AFTER_MS);
    showTimer.unref?.();
  };
  const ended = () => {
    clearTimeout(showTimer);
    showTimer = undefined;
    if (shown) tracking.onChange(undefined);
    shown = false;
  };
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      if (tracking.signal.aborted) throw closing();
      if (pending++ === 0) started();
      // The request's signal is an AbortSignalLike, which AbortSignal.any does not take.
      const joined = new AbortController();
      const forward = () => joined.abort();
      options?.abortSignal?.addEventListener('abort', forward);
      tracking.signal.addEventListener('abort', forward);
      if (options?.abortSignal?.aborted) joined.abort();
      const abortSignal = joined.signal;
      const stop = whenAborted(tracking.signal);
      try {
        return await Promise.race([credential.getToken(scopes, { ...options, abortSignal }), stop.promise]);
      } finally {
        stop.off();
        options?.abortSignal?.removeEventListener('abort', forward);
        tracking.signal.removeEventListener('abort', forward);
        if (--pending === 0) ended();
      }
    },
  };
}
