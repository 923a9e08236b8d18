// What each keymap command and each `:` command does in the explorer: navigation goes to the
// reducer, data to store actions. Reads the latest state from the store and the nav ref, so a
// burst of keys acts on what the previous key left.
import type { Dispatch } from 'react';
import type { CollectionKind, Store } from '../store/types.js';
import type { NavAction, NavState } from './navigation.js';
import { parseCommand } from './commands.js';
import { isMoveCommand } from './list-window.js';
import type { SortKey } from './sort.js';
import { currentCollection, currentRows, currentVault, selectedItem, vaultOrder } from './view-model.js';
import { isItemName } from './item-text.js';
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

const PANE_KINDS: Record<string, CollectionKind> = {
  'pane.keys': 'keys',
  'pane.secrets': 'secrets',
  'pane.certificates': 'certificates',
};

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

/** Sorts the list in view and keeps the cursor on the item it was on. */
function sortKeepingCursor(ctx: CommandContext, change: { key?: SortKey; reverse?: boolean; descending?: boolean }): void {
  const before = ctx.nav();
  const snapshot = ctx.store.getSnapshot();
  const item = selectedItem(currentRows(snapshot, before), before);
  ctx.dispatch({ type: 'sort', ...change });
  const after = ctx.nav();
  const index = item ? currentRows(snapshot, after).findIndex((r) => r.item.id === item.id) : -1;
  if (index > 0) ctx.dispatch({ type: 'cursorTo', index });
}

export function runCommand(command: string, ctx: CommandContext): void {
  const nav = ctx.nav();
  const snapshot = ctx.store.getSnapshot();
  if (isMoveCommand(command)) {
    const count =
      nav.focus === 'vaults'
        ? nav.vaultsDeleted
          ? snapshot.deletedVaults.items.length
          : snapshot.vaults.length
        : nav.focus === 'operations'
          ? snapshot.operations.length
          : nav.focus === 'details' ? ctx.detailLines().length : currentRows(snapshot, nav).length;
    const vaults = nav.focus === 'vaults' ? vaultOrder(snapshot.vaults).map((v) => v.url) : undefined;
    ctx.dispatch({ type: 'move', command, count, page: ctx.page, vaults });
    return;
  }
  if (PANE_KINDS[command]) {
    ctx.dispatch({ type: 'kind', kind: PANE_KINDS[command] });
    return;
  }
  switch (command) {
    case 'quit':
      return ctx.quit();
    case 'help':
      return ctx.dispatch({ type: 'help', open: true });
    case 'pane.next':
      return ctx.dispatch({ type: 'cyclePane', direction: 1 });
    case 'pane.prev':
      return ctx.dispatch({ type: 'cyclePane', direction: -1 });
    case 'pane.vaults':
      return ctx.dispatch({ type: 'focus', pane: 'vaults' });
    case 'back':
      return ctx.dispatch({ type: 'back' });
    case 'filter':
      return ctx.dispatch({ type: 'filterStart' });
    case 'commandLine':
      return ctx.dispatch({ type: 'commandOpen' });
    case 'deleted.toggle':
      return ctx.dispatch({ type: 'toggleDeleted' });
    case 'sort':
    case 'sort.reverse':
      return sortKeepingCursor(ctx, command === 'sort.reverse' ? { reverse: true } : {});
    case 'reveal':
      return toggleReveal(ctx);
    case 'open': {
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
      return;
    }
    case 'vault.pin': {
      const vault = currentVault(snapshot, nav);
      if (!vault) return;
      const pinned = ctx.store.togglePin(vault.url);
      return ctx.dispatch({ type: 'message', message: { text: `${escapeControl(vault.name)} ${pinned ? 'pinned: listed at every start' : 'unpinned'}`, tone: 'info' } });
    }
    case 'refresh': {
      // Operations left unconfirmed (accepted, then polls failed) are re-checked by the same key.
      ctx.store.recheckOperations();
      // R in the vaults pane lists the vaults again (discovery); elsewhere it reloads the list or item.
      if (nav.focus === 'vaults' && snapshot.discovery.status !== 'off') return ctx.store.discoverVaults();
      const vault = currentVault(snapshot, nav);
      if (!vault) return;
      if (nav.focus === 'details' && nav.opened) {
        const item = openedItem(ctx);
        if (item) ctx.store.loadDetails(item, { version: nav.opened.version, refresh: true });
        return;
      }
      ctx.store.loadCollection(vault.url, nav.kind, { deleted: nav.deleted, refresh: true });
      return;
    }
  }
}

/**
 * Opens an item by its exact name with a GET, without listing (`:cert NAME`, or Enter on a
 * filter naming an item not loaded): an identity allowed get but not list can still read it.
 */
export function openByName(ctx: CommandContext, kind: CollectionKind, name: string): boolean {
  const vault = currentVault(ctx.store.getSnapshot(), ctx.nav());
  if (!vault) return false;
  try {
    const item = ctx.store.openByName(vault.url, kind, name);
    if (ctx.nav().kind !== kind || ctx.nav().deleted) {
      if (ctx.nav().deleted) ctx.dispatch({ type: 'toggleDeleted' });
      ctx.dispatch({ type: 'kind', kind });
    }
    ctx.dispatch({ type: 'open', id: item.id });
    return true;
  } catch (error) {
    ctx.dispatch({ type: 'message', message: { text: escapeControl(error instanceof Error ? error.message : String(error)), tone: 'error' } });
    return false;
  }
}

/**
 * Enter on the filter: when nothing loaded matches and the list is not complete (still
 * paging, or refused), look the name up directly. False: accept the filter as usual (rows
 * that match are what Enter was meant for).
 */
export function filterEnter(ctx: CommandContext, text: string): boolean {
  const nav = ctx.nav();
  if (nav.deleted || !isItemName(text)) return false;
  const snapshot = ctx.store.getSnapshot();
  const collection = currentCollection(snapshot, nav);
  if (!collection || collection.status === 'complete') return false;
  if (currentRows(snapshot, { ...nav, filter: text }).length > 0) return false;
  return openByName(ctx, nav.kind, text);
}

/** Runs a `:` line; errors come back as a status message. */
export function runCommandLine(line: string, ctx: CommandContext): void {
  const parsed = parseCommand(line);
  switch (parsed.kind) {
    case 'collection':
      return ctx.dispatch({ type: 'kind', kind: parsed.collection });
    case 'open':
      openByName(ctx, parsed.collection, parsed.name);
      return;
    case 'deleted':
      return ctx.dispatch({ type: 'toggleDeleted' });
    case 'filter':
      return ctx.dispatch({ type: 'filterSet', text: parsed.text });
    case 'sort':
      return sortKeepingCursor(ctx, { key: parsed.key as SortKey, descending: parsed.descending });
    case 'help':
      return ctx.dispatch({ type: 'help', open: true });
    case 'quit':
      return ctx.quit();
    case 'vaults':
      ctx.dispatch({ type: 'focus', pane: 'vaults' });
      if (ctx.store.getSnapshot().discovery.status === 'off') {
        return ctx.dispatch({ type: 'message', message: { text: 'vault discovery is off: no ARM endpoint (--cloud, --arm-endpoint)', tone: 'warning' } });
      }
      return ctx.store.discoverVaults();
    case 'error':
      return ctx.dispatch({ type: 'message', message: { text: escapeControl(parsed.message), tone: 'error' } });
    case 'vault': {
      // A typed name resolves to a URL here, once; everything after addresses the vault by URL.
      // A full URL picks that vault even when another open vault has the same name.
      const vaults = vaultOrder(ctx.store.getSnapshot().vaults);
      const wanted = parsed.name.toLowerCase().replace(/\/+$/, '');
      const open = vaults.find((v) => v.url.toLowerCase() === wanted) ?? vaults.find((v) => v.name.toLowerCase() === wanted);
      if (open) {
        ctx.dispatch({ type: 'vault', url: open.url });
        ctx.dispatch({ type: 'focus', pane: 'items' });
        return;
      }
      try {
        const info = ctx.store.addVault(parsed.name);
        ctx.dispatch({ type: 'vault', url: info.url });
        ctx.dispatch({ type: 'focus', pane: 'items' });
      } catch (error) {
        ctx.dispatch({ type: 'message', message: { text: escapeControl(error instanceof Error ? error.message : String(error)), tone: 'error' } });
      }
      return;
    }
  }
}

