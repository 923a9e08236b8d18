/**
 * The errors an object store answers with, worded as the service words them; `label` is the
 * collection's (e.g. 'Secret'), names are printed with their control characters escaped.
 */
import type { ServiceError } from './errors.js';
import { conflict, forbidden, notFound } from './errors.js';
import { printable } from './request-validation.js';

export function objectNotFound(label: string, name: string, version?: string): ServiceError {
  const id = version ? `${name}/${version}` : name;
  return notFound(
    label,
    `A ${label.toLowerCase()} with (name/id) ${printable(id)} was not found in this key vault. If you recently deleted this ${label.toLowerCase()} you may be able to recover it using the correct recovery command.`,
  );
}

export function deletedObjectNotFound(label: string, name: string): ServiceError {
  return notFound(label, `Deleted ${label} not found: ${printable(name)}`);
}

/** 409 while a delete or purge of the name has not finished. */
export function objectBeingDeleted(label: string, name: string): ServiceError {
  return conflict(`${label} ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');
}

export function objectBeingPurged(label: string, name: string): ServiceError {
  return conflict(`${label} ${name} is currently being purged.`);
}

/** 409 when a soft-deleted object holds the name. */
export function objectDeletedButRecoverable(label: string, name: string): ServiceError {
  return conflict(
    `${label} ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the ${label.toLowerCase()} can only be recovered or purged.`,
    'ObjectIsDeletedButRecoverable',
  );
}

export function purgeProtected(): ServiceError {
  return forbidden(
    `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.`,
  );
}
