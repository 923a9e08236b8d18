// What each keymap command and each `:` command does in the explorer: navigation goes to the
// reducer, data to store actions. Reads the latest state from the store and the nav ref, so a
// burst of keys acts on what the previous key left.
import type { Dispatch } from 'react';
import type { CollectionKind, Store } from '../store/types.js';
import type { NavAction, NavState } from './navigation.js';
import { parseCommand } from './commands.js';
import type { MoveCommand } from './list-window.js';
import type { SortKey } from './sort.js';
import { currentRows, currentVault, selectedItem } from './view-model.js';
import type { DetailLine } from './detail-lines.js';
import { escapeControl } from '../text/escape-control.js';
import { revealMatches } from './secret-details.js';

export interface CommandContext {
  store: Store;
  nav: () => NavState;
  dispatch: Dispatch<NavAction>;
  /** Rows in view in the focused list, for PgUp/PgDn. */
  page: number;
  /** The lines the details pane shows now (for moving and for Enter on a version). */
  detailLines: () => readonly DetailLine[];
  quit(): void;
}

function openedItem(ctx: CommandContext) {
  const nav = ctx.nav();
  if (!nav.opened) return undefined;
  const snapshot = ctx.store.getSnapshot();
  return snapshot.details[nav.opened.id]?.item ?? currentRows(snapshot, nav).find((r) => r.item.id === nav.opened?.id)?.item;
}

function toggleReveal(ctx: CommandContext): void {
  let nav = ctx.nav();
  const snapshot = ctx.store.getSnapshot();
  if (nav.kind !== 'secrets' || nav.deleted) return;
  if (!nav.opened) {
    const item = selectedItem(currentRows(snapshot, nav), nav);
    if (!item) return;
    ctx.dispatch({ type: 'open', id: item.id });
    nav = ctx.nav();
  }
  const item = openedItem(ctx);
  if (!item) return;
  const version = nav.opened?.version;
  const latestVersion = snapshot.details[item.id]?.item?.version;
  if (revealMatches(snapshot.revealed, item.id, version, latestVersion)) {
    ctx.store.hideSecret();
    return;
  }
  ctx.store.revealSecret(item, { version }).catch(() => {
    // The store records the classified error in the item's details state; nothing to add here.
  });
}

/** A move in the focused list: the vaults, the operations, the details lines or the items. */
export function move(command: MoveCommand, ctx: CommandContext): void {
  const nav = ctx.nav();
  const snapshot = ctx.store.getSnapshot();
  const count =
    nav.focus === 'vaults'
      ? snapshot.vaults.length
      : nav.focus === 'operations'
        ? snapshot.operations.length
        : nav.focus === 'details' ? ctx.detailLines().length : currentRows(snapshot, nav).length;
  ctx.dispatch({ type: 'move', command, count, page: ctx.page });
}

export function showKind(kind: CollectionKind, ctx: CommandContext): void {
  ctx.dispatch({ type: 'kind', kind });
}

/** Enter: the vault's items, a row's details, or a version chosen in the details. */
export function open(ctx: CommandContext): void {
  const nav = ctx.nav();
  const snapshot = ctx.store.getSnapshot();
  if (nav.focus === 'operations') return;
  if (nav.focus === 'vaults') return ctx.dispatch({ type: 'focus', pane: 'items' });
  if (nav.focus === 'details') {
    const line = ctx.detailLines()[nav.detailsCursor];
    if (line?.kind === 'version' && nav.opened) {
      const newest = [...(snapshot.details[nav.opened.id]?.versions.items ?? [])].sort(
        (a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0),
      )[0];
      ctx.dispatch({ type: 'open', id: nav.opened.id, version: line.version === newest?.version ? undefined : line.version });
    }
    return;
  }
  const item = selectedItem(currentRows(snapshot, nav), nav);
  if (item) ctx.dispatch({ type: 'open', id: item.id });
}

/** R: the opened item's details in the details pane, else the list in view. */
export function refresh(ctx: CommandContext): void {
  // Operations left unconfirmed (accepted, then polls failed) are re-checked by the same key.
  ctx.store.recheckOperations();
  const nav = ctx.nav();
  const vault = currentVault(ctx.store.getSnapshot(), nav);
  if (!vault) return;
  if (nav.focus === 'details' && nav.opened) {
    const item = openedItem(ctx);
    if (item) ctx.store.loadDetails(item, { version: nav.opened.version, refresh: true });
    return;
  }
  ctx.store.loadCollection(vault.name, nav.kind, { deleted: nav.deleted, refresh: true });
}

/** s: the list's next sort order; from the details (where the list may be hidden) it says which. */
export function sort(ctx: CommandContext): void {
  ctx.dispatch({ type: 'sort' });
  const nav = ctx.nav();
  if (nav.focus === 'details') ctx.dispatch({ type: 'message', message: { text: `the list is now sorted by ${nav.sort}`, tone: 'info' } });
}

export { toggleReveal };

/** Runs a `:` line; errors come back as a status message. */
export function runCommandLine(line: string, ctx: CommandContext): void {
  const parsed = parseCommand(line);
  switch (parsed.kind) {
    case 'collection':
      return ctx.dispatch({ type: 'kind', kind: parsed.collection });
    case 'deleted':
      return ctx.dispatch({ type: 'toggleDeleted' });
    case 'filter':
      return ctx.dispatch({ type: 'filterSet', text: parsed.text });
    case 'sort':
      return ctx.dispatch({ type: 'sort', key: parsed.key as SortKey });
    case 'help':
      return ctx.dispatch({ type: 'help', open: true });
    case 'quit':
      return ctx.quit();
    case 'error':
      return ctx.dispatch({ type: 'message', message: { text: escapeControl(parsed.message), tone: 'error' } });
    case 'vault': {
      const vaults = ctx.store.getSnapshot().vaults;
      const wanted = parsed.name.toLowerCase();
      const index = vaults.findIndex((v) => v.name.toLowerCase() === wanted || v.url.toLowerCase().replace(/\/$/, '') === wanted.replace(/\/$/, ''));
      if (index !== -1) {
        ctx.dispatch({ type: 'vault', index });
        ctx.dispatch({ type: 'focus', pane: 'items' });
        return;
      }
      try {
        const info = ctx.store.addVault(parsed.name);
        const at = ctx.store.getSnapshot().vaults.findIndex((v) => v.url === info.url);
        ctx.dispatch({ type: 'vault', index: at === -1 ? vaults.length : at });
        ctx.dispatch({ type: 'focus', pane: 'items' });
      } catch (error) {
        ctx.dispatch({ type: 'message', message: { text: escapeControl(error instanceof Error ? error.message : String(error)), tone: 'error' } });
      }
      return;
    }
  }
}

