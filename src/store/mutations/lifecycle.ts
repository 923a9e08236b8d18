// Delete, recover and purge for every kind, as operation runs. Delete and recover follow the
// SDK's pollers (DELETE then GET deleted* until 200; recover POST then GET until 200); purge
// is followed until the deleted item is gone. "Delete and purge" waits for the delete to
// finish before purging: purging earlier gets 409 from the service.
import type { OperationContext, OperationOutcome, OperationRun } from '../operations.js';
import { callOptions, drivePoller, pollerOptions } from '../operations-poller.js';
import { isBeingDeleted, waitUntilPurged } from '../purge-tracker.js';
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

/** Whether the delete left a recoverable item (no recoveryId: the vault has no soft delete). */
function recoverable(result: unknown): boolean {
  const r = result as { recoveryId?: string; properties?: { recoveryId?: string } } | undefined;
  return Boolean(r?.recoveryId ?? r?.properties?.recoveryId);
}

async function runDelete(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<boolean> {
  context.progress('deleting');
  const poller = await beginDelete(clients, ref, context);
  const result = await drivePoller(poller, context, (s) => (s.isCompleted ? 'deleted' : 'deleting'));
  return recoverable(result);
}

/** How often a purge that meets "currently being deleted" tries again (the service can lag behind its own GET). */
const BEING_DELETED_RETRIES = 5;

async function runPurge(clients: VaultClients, ref: ItemRef, context: OperationContext): Promise<void> {
  context.progress('purging');
  for (let attempt = 0; ; attempt++) {
    try {
      await purgeDeleted(clients, ref, context);
      break;
    } catch (error) {
      if (!isBeingDeleted(error) || attempt >= BEING_DELETED_RETRIES) throw error;
      context.progress('waiting for the delete to finish');
      await context.wait(context.intervalMs);
      context.progress('purging');
    }
  }
  await waitUntilPurged(() => getDeleted(clients, ref, context), context);
}

export function deleteRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context): Promise<OperationOutcome> => {
    const soft = await runDelete(clients, ref, context);
    return { detail: soft ? 'deleted' : 'deleted (no soft delete: gone for good)' };
  };
}

export function recoverRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context) => {
    context.progress('recovering');
    const poller = await beginRecover(clients, ref, context);
    await drivePoller(poller, context, (s) => (s.isCompleted ? 'recovered' : 'recovering'));
    return { detail: 'recovered' };
  };
}

export function purgeRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context) => {
    await runPurge(clients, ref, context);
    return { detail: 'purged' };
  };
}

export function deleteAndPurgeRun(clients: VaultClients, ref: ItemRef): OperationRun {
  return async (context) => {
    const soft = await runDelete(clients, ref, context);
    if (!soft) return { detail: 'deleted (no soft delete: nothing to purge)' };
    await runPurge(clients, ref, context);
    return { detail: 'purged' };
  };
}
