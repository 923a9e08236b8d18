// Which error `!` shows: the one where the user is — the selected operation's failure, the
// opened item's (its details, its versions, its value), or the list's — with a title saying
// what failed. Pure over a snapshot and the navigation state.
import type { ClassifiedError, StoreSnapshot } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { detailsKey } from '../store/details-key.js';
import type { NavState } from './navigation.js';
import { clampCursor } from './navigation.js';
import { currentCollection, currentVault } from './view-model.js';

const SINGULAR = { keys: 'key', secrets: 'secret', certificates: 'certificate', vaults: 'vault' } as const;

export interface FocusedError {
  title: string;
  error: ClassifiedError;
}

export function focusedError(snapshot: StoreSnapshot, nav: NavState): FocusedError | undefined {
  if (nav.focus === 'operations') {
    const op = snapshot.operations[clampCursor(nav.opsCursor, snapshot.operations.length)];
    return op?.error ? { title: `${op.kind} ${SINGULAR[op.collection]} ${escapeControl(op.target)} in ${escapeControl(op.vault)}`, error: op.error } : undefined;
  }
  const vault = currentVault(snapshot, nav);
  if (nav.focus === 'details' && nav.opened) {
    const shown = snapshot.details[detailsKey(nav.opened, nav.opened.version)];
    const latest = snapshot.details[nav.opened.id];
    const item = shown?.item ?? latest?.item;
    const what = item ? `${SINGULAR[item.kind]} ${escapeControl(item.name)}` : 'this item';
    if (shown?.error) return { title: what, error: shown.error };
    if (snapshot.revealError?.itemId === nav.opened.id) return { title: `the value of ${what}`, error: snapshot.revealError.error };
    if (latest?.versions.error) return { title: `the versions of ${what}`, error: latest.versions.error };
  }
  const collection = currentCollection(snapshot, nav);
  if (collection?.error && vault) return { title: `${nav.deleted ? 'deleted ' : ''}${nav.kind} of ${escapeControl(vault.name)}`, error: collection.error };
  return undefined;
}
