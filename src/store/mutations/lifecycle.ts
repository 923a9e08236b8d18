// Delete, recover and purge for every kind, as operation runs. Delete and recover follow the
// SDK's pollers (DELETE then GET deleted* until 200; recover POST then GET until 200); purge
// is followed until the deleted item is gone. "Delete and purge" waits for the delete to
// finish before purging: purging earlier gets 409 from the service. When the service accepted
// a step but following it failed, the operation ends `unconfirmed` with a re-check
// (follow-up.ts) instead of claiming a failure that did not happen.
import type { OperationContext, OperationOutcome, OperationRun } from '../operations.js';
import { NotPurgedError } from '../operations-errors.js';
import { callOptions, drivePoller, pollerOptions } from '../operations-poller.js';
import { isBeingDeleted, waitUntilPurged } from '../purge-tracker.js';
import { answeredOk, waitUntilFound, watchAcceptance, whyUnknown } from './follow-up.js';
import type { ItemRef, VaultClients } from './vault-clients.js';

interface PollState {
  isCompleted?: boolean;
  error?: Error;
  result?: unknown;
}

interface Poller {
  poll(options?: { abortSignal?: AbortSignal }): Promise<void>;
  isDone(): boolean;
  getOperationState(): PollState;
  getResult(): unknown;
}

function beginDelete(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<Poller> {
  const options = pollerOptions(context);
  if (ref.kind === 'secrets') return clients.secrets().beginDeleteSecret(ref.name, options);
  if (ref.kind === 'keys') return clients.keys().beginDeleteKey(ref.name, options);
  return clients.certificates().beginDeleteCertificate(ref.name, options);
}

function beginRecover(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<Poller> {
  const options = pollerOptions(context);
  if (ref.kind === 'secrets') return clients.secrets().beginRecoverDeletedSecret(ref.name, options);
  if (ref.kind === 'keys') return clients.keys().beginRecoverDeletedKey(ref.name, options);
  return clients.certificates().beginRecoverDeletedCertificate(ref.name, options);
}

function purgeDeleted(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<void> {
  const options = callOptions(context);
  if (ref.kind === 'secrets') return clients.secrets().purgeDeletedSecret(ref.name, options);
  if (ref.kind === 'keys') return clients.keys().purgeDeletedKey(ref.name, options);
  return clients.certificates().purgeDeletedCertificate(ref.name, options).then(() => undefined);
}

function getDeleted(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<unknown> {
  const options = callOptions(context);
  if (ref.kind === 'secrets') return clients.secrets().getDeletedSecret(ref.name, options);
  if (ref.kind === 'keys') return clients.keys().getDeletedKey(ref.name, options);
  return clients.certificates().getDeletedCertificate(ref.name, options);
}

function getLive(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<unknown> {
  const options = callOptions(context);
  if (ref.kind === 'secrets') return clients.secrets().getSecret(ref.name, options);
  if (ref.kind === 'keys') return clients.keys().getKey(ref.name, options);
  return clients.certificates().getCertificate(ref.name, options);
}

/** Whether the delete left a recoverable item (no recoveryId: the vault has no soft delete). */
function recoverable(result: unknown): boolean {
  const r = result as { recoveryId?: string; properties?: { recoveryId?: string } } | undefined;
  return Boolean(r?.recoveryId ?? r?.properties?.recoveryId);
}

/** A step's end: done (with a value), or accepted but not confirmed (with the reason). */
type Step<T> = { done: true; value: T } | { done: false; reason: string };

/** Runs a step; a failure after the service accepted it becomes "not confirmed", others are thrown. */
async function accepted<T>(context: OperationContext, isAcceptance: Parameters<typeof watchAcceptance>[1], step: (context: OperationContext) => Promise<T>): Promise<Step<T>> {
  const watch = watchAcceptance(context, isAcceptance);
  try {
    return { done: true, value: await step(watch.context) };
  } catch (error) {
    if (!watch.accepted || context.signal.aborted) throw error;
    return { done: false, reason: whyUnknown(error) };
  }
}

/** A re-check: runs `follow` again; a failure leaves the operation unconfirmed with the same re-check. */
function recheckWith(unknownDetail: (reason: string) => string, follow: (context: OperationContext) => Promise<OperationOutcome>): OperationRun {
  const run: OperationRun = async (context) => {
    try {
      return await follow(context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      return { state: 'unconfirmed', detail: unknownDetail(whyUnknown(error)), recheck: run };
    }
  };
  return run;
}

const collectionPath = (ref: ItemRef) => `/${ref.kind}/${ref.name}`;
const deletedPath = (ref: ItemRef) => `/deleted${ref.kind}/${ref.name}`;

function deleteStep(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<Step<boolean>> {
  context.progress('deleting');
  return accepted(context, answeredOk('DELETE', collectionPath(ref)), async (watched) => {
    const poller = await beginDelete(clients, ref, watched);
    return recoverable(await drivePoller(poller, watched, (s) => (s.isCompleted ? 'deleted' : 'deleting')));
  });
}

/** Waits for the deleted item to appear (the delete has finished); 403 ends it as for the SDK poller. */
function waitUntilDeleted(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<void> {
  return waitUntilFound(() => getDeleted(clients, ref, context), context, 'deleting', [403]);
}

/** How often a purge that meets "currently being deleted" tries again (the service can lag behind its own GET). */
const BEING_DELETED_RETRIES = 5;

async function sendPurge(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<void> {
  context.progress('purging');
  for (let attempt = 0; ; attempt++) {
    try {
      await purgeDeleted(clients, ref, context);
      return;
    } catch (error) {
      if (!isBeingDeleted(error) || attempt >= BEING_DELETED_RETRIES) throw error;
      context.progress('waiting for the delete to finish');
      await context.wait(context.intervalMs);
      context.progress('purging');
    }
  }
}

const purgeUnknown = (reason: string) => `purge accepted; could not confirm: ${reason}`;
const purgeFollowUp = (clients: VaultClients, ref: ItemRef) =>
  recheckWith(purgeUnknown, async (context) => {
    await waitUntilPurged(() => getDeleted(clients, ref, context), context);
    return { detail: 'purged' };
  });

/** Purges and follows it; `notPurged` wraps a purge the service did not take (delete-and-purge). */
async function purgeSteps(clients: VaultClients, ref: ItemRef, context: OperationContext, notPurged: boolean): Promise<OperationOutcome> {
  const step = await accepted(context, answeredOk('DELETE', deletedPath(ref)), async (watched) => {
    try {
      await sendPurge(clients, ref, watched);
    } catch (error) {
      throw notPurged ? new NotPurgedError(error) : error;
    }
    await waitUntilPurged(() => getDeleted(clients, ref, watched), watched);
  });
  if (step.done) return { detail: 'purged' };
  return { state: 'unconfirmed', detail: purgeUnknown(step.reason), recheck: purgeFollowUp(clients, ref) };
}

export function deleteRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context): Promise<OperationOutcome> => {
    const step = await deleteStep(clients, ref, context);
    if (step.done) return { detail: step.value ? 'deleted' : 'deleted (no soft delete: gone for good)' };
    const unknown = (reason: string) => `delete accepted; could not confirm: ${reason}`;
    const follow = recheckWith(unknown, async (c) => {
      await waitUntilDeleted(clients, ref, c);
      return { detail: 'deleted' };
    });
    return { state: 'unconfirmed', detail: unknown(step.reason), recheck: follow };
  };
}

export function recoverRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context) => {
    context.progress('recovering');
    const step = await accepted(context, answeredOk('POST', `${deletedPath(ref)}/recover`), async (watched) => {
      const poller = await beginRecover(clients, ref, watched);
      await drivePoller(poller, watched, (s) => (s.isCompleted ? 'recovered' : 'recovering'));
    });
    if (step.done) return { detail: 'recovered' };
    const unknown = (reason: string) => `recover accepted; could not confirm: ${reason}`;
    const follow = recheckWith(unknown, async (c) => {
      await waitUntilFound(() => getLive(clients, ref, c), c, 'recovering');
      return { detail: 'recovered' };
    });
    return { state: 'unconfirmed', detail: unknown(step.reason), recheck: follow };
  };
}

export function purgeRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return (context) => purgeSteps(clients, ref, context, false);
}

export function deleteAndPurgeRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context) => {
    const step = await deleteStep(clients, ref, context);
    if (step.done && !step.value) return { detail: 'deleted (no soft delete: nothing to purge)' };
    if (step.done) return purgeSteps(clients, ref, context, true);
    // The delete was accepted: the item is soft-deleted (or about to be); the purge was not sent.
    const unknown = (reason: string) => `soft-deleted, not purged: could not confirm the delete (${reason}); a re-check purges it`;
    const follow = recheckWith(unknown, async (c) => {
      await waitUntilDeleted(clients, ref, c);
      return purgeSteps(clients, ref, c, true);
    });
    return { state: 'unconfirmed', detail: unknown(step.reason), recheck: follow };
  };
}
