// The cursor goes to an item just created as soon as its list has it (the store puts it there
// from the create's answer, even while the list is still paging), in whatever sort and filter
// the list has. A filter that hides the new item is cleared, and the status line says so: the
// user asked for this item a moment ago and would otherwise not see it.
import type { Dispatch } from 'react';
import { useEffect } from 'react';
import type { ItemSummary } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import type { Filtered } from './fuzzy-filter.js';
import type { NavAction, NavState } from './navigation.js';

type Say = (text: string, tone: 'info' | 'warning' | 'error') => void;

/** Where the item waiting to be selected is: its row, hidden by the filter, or not listed (yet). */
export function findCreated(
  nav: Pick<NavState, 'select' | 'kind' | 'deleted' | 'filter'>,
  vaultUrl: string | undefined,
  rows: readonly Filtered<ItemSummary>[],
  items: readonly ItemSummary[],
): { index: number; hidden: boolean } {
  const want = nav.select;
  if (!want || nav.deleted || want.kind !== nav.kind || want.vault !== vaultUrl) return { index: -1, hidden: false };
  const name = want.name.toLowerCase();
  const index = rows.findIndex((r) => r.item.name.toLowerCase() === name);
  const hidden = index < 0 && nav.filter !== '' && items.some((i) => i.name.toLowerCase() === name);
  return { index, hidden };
}

export function useSelectCreated(
  nav: NavState,
  vaultUrl: string | undefined,
  rows: readonly Filtered<ItemSummary>[],
  items: readonly ItemSummary[],
  dispatch: Dispatch<NavAction>,
  say: Say,
): void {
  const { index, hidden } = findCreated(nav, vaultUrl, rows, items);
  // Typing a filter is the user's own doing: it is not taken from under their fingers.
  const clear = hidden && !nav.filterEditing;
  const filter = nav.filter;
  const said = nav.message?.text;
  useEffect(() => {
    if (index !== -1) dispatch({ type: 'cursorTo', index });
    else if (clear) {
      // The outcome already said ("secret x created") stays, with why the list changed.
      say(`${said ? `${said} — ` : ''}the filter /${escapeControl(filter)} hid it and was cleared`, 'info');
      dispatch({ type: 'filterSet', text: '' });
    }
    // `said` is read, not watched: a new message must not run this again.
  }, [index, clear, filter, dispatch, say]);
}
