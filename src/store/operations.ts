// The operation tracker: every create, delete, recover, purge… runs here as a record the UI
// lists live. A run function does the work and reports through its context: the step in the
// service's words (`progress`), what the last poll answered (`onResponse`, handed to the SDK
// so every request of the operation reports), and how to cancel at the service when it can.
// The tracker owns the record's life: running → succeeded / failed / cancelled / abandoned /
// unconfirmed. Abandoning stops watching (aborts our requests); the service finishes on its own.
// An unconfirmed operation (accepted, but following it failed) keeps a re-check run: recheck()
// puts it back to running with that run, so the record ends with the truth.
import { escapeControl } from '../text/escape-control.js';
import { ActionRefusedError } from './operations-errors.js';
import type { ClassifiedError, ItemSummary, Operation, OperationKind, OperationSubject } from './types.js';

export interface OperationInit {
  kind: OperationKind;
  collection: OperationSubject;
  /** The vault's display name and URL (the URL is what refreshes use). */
  vault: { name: string; url: string };
  target: string;
  cancellable: boolean;
  /** The first step, e.g. "deleting", "creating". */
  detail: string;
  /** The Azure CLI command that does the same (never with a secret value). */
  az?: string;
}

/** Shape of the SDK's raw response (`onResponse` operation option), kept structural. */
export interface RawResponseLike {
  status: number;
  request: { method: string; url: string };
}

export interface OperationContext {
  /** Aborted when the operation is abandoned (or the store disposed). */
  readonly signal: AbortSignal;
  /** How long pollers wait between polls. */
  readonly intervalMs: number;
  /** The current step in the service's words. */
  progress(detail: string): void;
  /** Give to the SDK as `onResponse`: every answer becomes `lastPoll` ("GET deletedsecrets/x → 404"). */
  readonly onResponse: (response: RawResponseLike) => void;
  /** How to cancel at the service, once that is possible (e.g. after the create was accepted). */
  setCanceller(cancel: () => Promise<void>): void;
  /** True once cancel() was asked for. */
  readonly cancelRequested: boolean;
  /** Waits `ms`, or rejects at once when abandoned. */
  wait(ms: number): Promise<void>;
  /**
   * The item as the service's answer has it (a create, a new version, an import): the store
   * puts it into its list at once instead of waiting for the page that lists it.
   */
  listed(item: ItemSummary): void;
}

export interface OperationOutcome {
  /** Final step in the service's words: "deleted", "purged", "completed", "cancelled". */
  detail: string;
  /** Default `succeeded`. */
  state?: 'succeeded' | 'cancelled' | 'unconfirmed';
  /** With `unconfirmed`: how to find out (and finish following) later. */
  recheck?: OperationRun;
}

export type OperationRun = (context: OperationContext) => Promise<OperationOutcome>;

export interface OperationTrackerOptions {
  now: () => number;
  intervalMs: number;
  /** Turns a run's failure into what the record shows; gets the record for context (kind, target). */
  classify: (error: unknown, operation: Operation) => ClassifiedError;
  /** Called with the new list after every change. */
  onChange: (operations: readonly Operation[]) => void;
  /** Called once when an operation reaches a final state (not for abandoned ones: nothing is known). */
  onFinished?: (operation: Operation, vaultUrl: string) => void;
  /** A run reported the item it made or changed (`context.listed`), with the operation's id. */
  onListed?: (item: ItemSummary, operationId: string) => void;
}

export interface OperationTracker {
  start(init: OperationInit, run: OperationRun): string;
  /** Cancels at the service; only for cancellable operations that are still running. */
  cancel(id: string): Promise<void>;
  /** Stops watching; the service carries on. */
  abandon(id: string): void;
  /** Re-checks unconfirmed operations (all, or of one vault URL): they run again until they know. */
  recheck(vaultUrl?: string): void;
  clearFinished(): void;
  list(): readonly Operation[];
  dispose(): void;
}

interface Entry {
  vaultUrl: string;
  controller: AbortController;
  canceller?: () => Promise<void>;
  cancelRequested: boolean;
  cancelStarted: boolean;
}

/** "GET deletedsecrets/x → 404" from a raw response. */
export function describePoll(response: RawResponseLike): string {
  let path = response.request.url;
  try {
    path = decodeURIComponent(new URL(path).pathname).replace(/^\/+|\/+$/g, '');
  } catch {
    // Keep the raw text; oneLine below makes it safe.
  }
  return escapeControl(`${response.request.method} ${path.slice(0, 100)} → ${response.status}`);
}

export function createOperationTracker(options: OperationTrackerOptions): OperationTracker {
  let operations: readonly Operation[] = [];
  const entries = new Map<string, Entry>();
  const rechecks = new Map<string, { vaultUrl: string; run: OperationRun }>();
  let counter = 0;
  let disposed = false;

  function update(id: string, change: (op: Operation) => Operation): Operation | undefined {
    const index = operations.findIndex((o) => o.id === id);
    if (index < 0 || disposed) return undefined;
    const current = operations[index];
    if (current.state !== 'running') return undefined;
    const next = { ...change(current), updatedAt: options.now() };
    const list = operations.slice();
    list[index] = next;
    operations = list;
    options.onChange(operations);
    return next;
  }

  function finish(id: string, change: (op: Operation) => Operation): void {
    const entry = entries.get(id);
    const done = update(id, change);
    entries.delete(id);
    if (done && entry && done.state !== 'abandoned') options.onFinished?.(done, entry.vaultUrl);
  }

  async function requestCancel(id: string, entry: Entry): Promise<void> {
    if (!entry.canceller || entry.cancelStarted) return;
    entry.cancelStarted = true;
    update(id, (op) => ({ ...op, detail: 'cancellation requested' }));
    await entry.canceller();
  }

  /** Runs `run` for the (running) record `id`, and settles the record with its outcome. */
  function launch(id: string, vaultUrl: string, run: OperationRun): void {
    const entry: Entry = { vaultUrl, controller: new AbortController(), cancelRequested: false, cancelStarted: false };
    entries.set(id, entry);
    const signal = entry.controller.signal;
    const context: OperationContext = {
      signal,
      intervalMs: options.intervalMs,
      progress: (detail) => {
        if (!signal.aborted) update(id, (o) => (o.detail === detail ? o : { ...o, detail }));
      },
      onResponse: (response) => {
        if (!signal.aborted) update(id, (o) => ({ ...o, lastPoll: describePoll(response) }));
      },
      setCanceller: (cancel) => {
        entry.canceller = cancel;
        if (entry.cancelRequested) void requestCancel(id, entry).catch(() => undefined);
      },
      get cancelRequested() {
        return entry.cancelRequested;
      },
      wait: (ms) =>
        new Promise<void>((resolve, reject) => {
          if (signal.aborted) {
            reject(signal.reason);
            return;
          }
          const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, ms);
          const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
          };
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      listed: (item) => {
        if (!signal.aborted && !disposed) options.onListed?.(item, id);
      },
    };
    // Start on the next tick so the caller has the id before the first progress arrives.
    void Promise.resolve()
      .then(() => run(context))
      .then(
        (outcome) => {
          if (signal.aborted) return;
          if (outcome.state === 'unconfirmed' && outcome.recheck) rechecks.set(id, { vaultUrl, run: outcome.recheck });
          finish(id, (o) => ({ ...o, state: outcome.state ?? 'succeeded', detail: outcome.detail, error: undefined }));
        },
        (error: unknown) => {
          if (signal.aborted) return;
          finish(id, (o) => ({ ...o, state: 'failed', error: options.classify(error, o) }));
        },
      );
  }

  return {
    start(init, run) {
      const id = `op-${++counter}`;
      const at = options.now();
      const op: Operation = {
        id,
        kind: init.kind,
        collection: init.collection,
        vault: init.vault.name,
        vaultUrl: init.vault.url,
        target: init.target,
        state: 'running',
        detail: init.detail,
        startedAt: at,
        updatedAt: at,
        cancellable: init.cancellable,
        ...(init.az ? { az: init.az } : {}),
      };
      operations = [...operations, op];
      options.onChange(operations);
      launch(id, init.vault.url, run);
      return id;
    },

    recheck(vaultUrl) {
      for (const op of operations) {
        const pending = rechecks.get(op.id);
        if (op.state !== 'unconfirmed' || !pending || (vaultUrl !== undefined && pending.vaultUrl !== vaultUrl)) continue;
        rechecks.delete(op.id);
        operations = operations.map((o) => (o.id === op.id ? { ...o, state: 'running', detail: 're-checking', error: undefined, updatedAt: options.now() } : o));
        options.onChange(operations);
        launch(op.id, pending.vaultUrl, pending.run);
      }
    },

    async cancel(id) {
      const op = operations.find((o) => o.id === id);
      const entry = entries.get(id);
      if (!op) throw new ActionRefusedError('notFound', `no operation ${id}`);
      if (op.state !== 'running' || !entry) throw new ActionRefusedError('invalid', `the ${op.kind} of ${op.target} has already ${op.state === 'abandoned' ? 'been abandoned' : 'finished'}`);
      if (!op.cancellable) {
        throw new ActionRefusedError('invalid', `the service cannot cancel a ${op.kind}; abandon it to stop watching (the service finishes it anyway)`);
      }
      entry.cancelRequested = true;
      if (!entry.canceller) {
        update(id, (o) => ({ ...o, detail: 'cancellation requested' }));
        return;
      }
      try {
        await requestCancel(id, entry);
      } catch (error) {
        entry.cancelStarted = false;
        const classified = options.classify(error, op);
        update(id, (o) => ({ ...o, detail: `cancel failed: ${classified.message}` }));
        throw new ActionRefusedError(classified.class, classified.message);
      }
    },

    abandon(id) {
      const entry = entries.get(id);
      if (!entry) return;
      update(id, (o) => ({ ...o, state: 'abandoned' }));
      entries.delete(id);
      entry.controller.abort(new Error('abandoned'));
    },

    clearFinished() {
      const running = operations.filter((o) => o.state === 'running');
      if (running.length === operations.length) return;
      rechecks.clear();
      operations = running;
      options.onChange(operations);
    },

    list: () => operations,

    dispose() {
      disposed = true;
      for (const entry of entries.values()) entry.controller.abort(new Error('disposed'));
      entries.clear();
    },
  };
}
