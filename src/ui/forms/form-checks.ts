// Collects the problems of several checks at once, so a form shows every wrong field together.
import type { Checked } from '../../store/validate-input.js';

export class Problems {
  readonly byField: Record<string, string> = {};

  take<T>(checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    this.byField[checked.problem.field] ??= checked.problem.message;
    return undefined;
  }

  get any(): boolean {
    return Object.keys(this.byField).length > 0;
  }
}

export type Built<T> = { ok: true; input: T } | { ok: false; problems: Record<string, string> };
