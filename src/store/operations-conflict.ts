// Failures of operations, for people: a refusal keeps its own words; a 409 says what to do
// next (a deleted-but-recoverable name can be recovered or purged; a name still being deleted
// frees up once that finishes) — as actions in `next`, never as keys: the UI names the keys.
import type { ActionRefusedError } from './operations-errors.js';
import { isActionRefused, isNotPurged } from './operations-errors.js';
import type { ClassifiedError, Operation } from './types.js';
import { SINGULAR } from './mutations/vault-clients.js';

export function refusalToClassified(error: ActionRefusedError): ClassifiedError {
  return { class: error.class, message: error.message };
}

export function explainOperationError(error: unknown, operation: Operation, classify: (error: unknown) => ClassifiedError): ClassifiedError {
  if (isActionRefused(error)) return refusalToClassified(error);
  if (isNotPurged(error)) {
    const cause = explainOperationError(error.cause, operation, classify);
    return { ...cause, message: `${SINGULAR[operation.collection]} "${operation.target}" is soft-deleted but not purged: ${cause.message}` };
  }
  const classified = classify(error);
  if (classified.class !== 'conflict') return classified;
  const what = `${SINGULAR[operation.collection]} "${operation.target}"`;
  if (classified.innerCode === 'ObjectIsDeletedButRecoverable') {
    return {
      ...classified,
      message: `conflict: a deleted ${what} still holds the name; recover it or purge it before creating it again`,
      next: ['recover', 'purge'],
    };
  }
  if (classified.innerCode === 'ObjectIsBeingDeleted') {
    return { ...classified, message: `conflict: the ${what} is still being deleted or purged; wait for that to finish, then try again`, next: ['retryLater'] };
  }
  if (operation.kind === 'create' || operation.kind === 'import' || operation.kind === 'recover') {
    // Right after a purge the service keeps the name reserved for a short while.
    return { ...classified, message: `conflict: the name ${what} is still taken — after a purge the service keeps it reserved for a short while; try again in a minute (${classified.message.replace(/^conflict: /, '')})` };
  }
  return classified;
}
