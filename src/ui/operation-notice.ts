// What the status line says when an operation ends, written after the fact: "secret x
// created", "secret x purged (the name may stay reserved…)", "delete of secret x failed: …".
// Keys they name come from the user's keymap.
import type { Operation } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { PURGED_NOTE } from './operations-panel.js';
import type { Binding } from './keymap.js';
import { defaultKeymap, keyFor } from './keymap.js';

const SINGULAR = { keys: 'key', secrets: 'secret', certificates: 'certificate', vaults: 'vault' } as const;

const DONE: Record<Operation['kind'], string> = {
  create: 'created',
  delete: 'deleted',
  recover: 'recovered',
  purge: 'purged',
  deleteAndPurge: 'deleted and purged',
  import: 'imported',
  rotate: 'rotated (new version)',
  update: 'updated',
};

const NOUN: Record<Operation['kind'], string> = {
  create: 'creating',
  delete: 'delete',
  recover: 'recovery',
  purge: 'purge',
  deleteAndPurge: 'delete and purge',
  import: 'import',
  rotate: 'rotation',
  update: 'update',
};

export function operationNotice(op: Operation, keymap: readonly Binding[] = defaultKeymap): { text: string; tone: 'info' | 'warning' | 'error' } | undefined {
  const k = (command: Parameters<typeof keyFor>[1]) => keyFor(keymap, command);
  const what = `${SINGULAR[op.collection]} ${escapeControl(op.target)}`;
  switch (op.state) {
    case 'succeeded': {
      const purged = op.detail === 'purged';
      const done = op.kind === 'deleteAndPurge' && !purged ? escapeControl(op.detail) : DONE[op.kind];
      return { text: `${what} ${done}${purged ? ` ${PURGED_NOTE}` : ''}`, tone: 'info' };
    }
    case 'failed':
      return { text: `${NOUN[op.kind]} of ${what} failed: ${escapeControl(op.error?.message ?? op.detail)} (${k('operations.focus')}, then ${k('error.show')}, shows why)`, tone: 'error' };
    case 'cancelled':
      return { text: `${NOUN[op.kind]} of ${what} cancelled`, tone: 'warning' };
    case 'unconfirmed':
      // Accepted by the service but not confirmed by the polls: say what is known.
      return { text: `${NOUN[op.kind]} of ${what}: ${escapeControl(op.detail)} — ${k('refresh')} re-checks`, tone: 'warning' };
    default:
      return undefined;
  }
}

/** A certificate request the service accepted and is working on: said when the form closes. */
export function acceptedNotice(op: Operation, keymap: readonly Binding[] = defaultKeymap): string {
  return `${SINGULAR[op.collection]} ${escapeControl(op.target)}: the service is issuing it (listed as pending) — ${keyFor(keymap, 'operations.focus')} follows it`;
}
