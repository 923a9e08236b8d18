// What a mutating store action throws before it starts an operation: a ClassifiedError that
// is also an Error (so it has a stack for debugging and works with `catch`). `field` names the
// form field a validation problem belongs to, so the form can show it there.
// The class is bundled twice (the CLI bundle draws the forms, the runtime bundle holds the
// store), so `instanceof` fails across that boundary: recognise it by its name and class.
import type { ClassifiedError, ErrorClass } from './types.js';
import type { Checked } from './validate-input.js';

export class ActionRefusedError extends Error implements ClassifiedError {
  readonly class: ErrorClass;
  readonly field?: string;

  constructor(errorClass: ErrorClass, message: string, field?: string) {
    super(message);
    this.name = 'ActionRefusedError';
    this.class = errorClass;
    if (field !== undefined) this.field = field;
  }
}

/**
 * A delete-and-purge whose delete finished but whose purge the service did not take: the item
 * is soft-deleted, not purged. Carries the purge's error as `cause`; told apart by name.
 */
export class NotPurgedError extends Error {
  constructor(cause: unknown) {
    super('soft-deleted, not purged', { cause });
    this.name = 'NotPurgedError';
  }
}

export function isNotPurged(error: unknown): error is NotPurgedError {
  return error instanceof Error && error.name === 'NotPurgedError';
}

/** Every ErrorClass (a Record, so adding a class without listing it here fails to compile). */
const ERROR_CLASSES: Record<ErrorClass, true> = {
  forbidden: true,
  notFound: true,
  conflict: true,
  throttled: true,
  network: true,
  auth: true,
  invalid: true,
  readOnly: true,
  unknown: true,
};

/** True for an ActionRefusedError from any bundle's copy of the class (never `instanceof`). */
export function isActionRefused(error: unknown): error is ActionRefusedError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; class?: unknown; message?: unknown; field?: unknown };
  return (
    candidate.name === 'ActionRefusedError' &&
    typeof candidate.class === 'string' &&
    Object.hasOwn(ERROR_CLASSES, candidate.class) &&
    typeof candidate.message === 'string' &&
    (candidate.field === undefined || typeof candidate.field === 'string')
  );
}

/** The value of a check, or an `invalid` refusal naming the field. */
export function valueOf<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new ActionRefusedError('invalid', checked.problem.message, checked.problem.field);
  return checked.value;
}
