// What quitting leaves undone, per running operation, in words for the quit prompt: kvx stops
// watching (and sending) when it exits, so the second half of a delete-and-purge never goes.
import type { Operation, OperationSubject } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';

const SINGULAR: Record<OperationSubject, string> = { keys: 'key', secrets: 'secret', certificates: 'certificate', vaults: 'vault' };

/** One line per running operation: "secret db-password stays soft-deleted; it will not be purged". */
export function undoneText(op: Pick<Operation, 'kind' | 'collection' | 'target' | 'detail' | 'cancellable'>): string {
  const what = `${SINGULAR[op.collection]} ${escapeControl(op.target)}`;
  switch (op.kind) {
    case 'deleteAndPurge':
      return op.detail === 'purging'
        ? `${what}: the purge is under way; kvx will not see it finish`
        : `${what} stays soft-deleted; it will not be purged`;
    case 'delete':
      return `${what}: the service finishes the delete; kvx will not see it finish`;
    case 'purge':
      return `${what}: the service finishes the purge; kvx will not see it finish`;
    case 'recover':
      return `${what}: the service finishes recovering it; kvx will not see it finish`;
    case 'create':
      return op.cancellable
        ? `${what}: the service goes on issuing it; kvx will not see it finish`
        : `${what}: the create may or may not reach the vault`;
    default:
      return `${what}: the ${op.kind} may or may not reach the vault`;
  }
}
