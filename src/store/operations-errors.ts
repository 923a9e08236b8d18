// What a mutating store action throws before it starts an operation: a ClassifiedError that
// is also an Error (so it has a stack for debugging and works with `catch`). `field` names the
// form field a validation problem belongs to, so the form can show it there.
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

export function isActionRefused(error: unknown): error is ActionRefusedError {
  return error instanceof ActionRefusedError;
}

/** The value of a check, or an `invalid` refusal naming the field. */
export function valueOf<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new ActionRefusedError('invalid', checked.problem.message, checked.problem.field);
  return checked.value;
}
