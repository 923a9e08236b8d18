// Drives one of the SDK's long-running-operation pollers step by step instead of
// pollUntilDone(), so each poll's state reaches the operation record as it happens. (The
// Key Vault pollers never call onProgress callbacks: their update() ignores fireProgress, so
// the state is read with getOperationState() after every poll.)
import type { OperationContext } from './operations.js';

/** The part of the SDK's legacy PollerLike that is used here. */
export interface PollerLikeish<TState, TResult> {
  poll(options?: { abortSignal?: AbortSignal }): Promise<void>;
  isDone(): boolean;
  getOperationState(): TState;
  getResult(): TResult | undefined;
}

/**
 * Polls until done, reporting `describe(state)` after every poll; waits the context's interval
 * between polls (abandoning interrupts the wait and the request). Rethrows the poller's error.
 */
export async function drivePoller<TState extends { error?: Error }, TResult>(
  poller: PollerLikeish<TState, TResult>,
  context: OperationContext,
  describe: (state: TState) => string,
): Promise<TResult | undefined> {
  context.progress(describe(poller.getOperationState()));
  while (!poller.isDone()) {
    await context.wait(context.intervalMs);
    await poller.poll({ abortSignal: context.signal });
    context.progress(describe(poller.getOperationState()));
  }
  const error = poller.getOperationState().error;
  if (error) throw error;
  return poller.getResult();
}

/** Options every SDK call of an operation gets: abandon aborts it, every answer is recorded. */
export function callOptions(context: OperationContext): { abortSignal: AbortSignal; onResponse: OperationContext['onResponse'] } {
  return { abortSignal: context.signal, onResponse: context.onResponse };
}

/** Same, for the begin* calls that make pollers. */
export function pollerOptions(context: OperationContext): { abortSignal: AbortSignal; onResponse: OperationContext['onResponse']; intervalInMs: number } {
  return { ...callOptions(context), intervalInMs: context.intervalMs };
}
