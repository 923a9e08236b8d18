// Where the user is: focused pane, vault, collection tab, deleted view, cursors, filter,
// opened item and overlays. A pure reducer, so navigation is tested without a terminal.
import type { CollectionKind } from '../store/types.js';
import type { MoveCommand } from './list-window.js';
import { clamp, moveCursor } from './list-window.js';
import type { ListSort, SortKey } from './sort.js';
import { DEFAULT_SORT, nextSortKey } from './sort.js';

export type Pane = 'vaults' | 'items' | 'details' | 'operations';

export interface Opened {
  /** The item's versionless id. */
  id: string;
  /** A specific version chosen from the versions list; undefined is the latest. */
  version?: string;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error' | 'warning';
}

/** A full-body view over every vault: `:find` results, the `:expiring` radar, `:az` commands. */
export type Overlay =
  | { kind: 'find'; query: string; cursor: number }
  | { kind: 'radar'; days: number; cursor: number; versions?: boolean }
  | { kind: 'az'; cursor: number };

export interface NavState {
  focus: Pane;
  /** The current vault's URL (never an index: vaults arrive and reorder as discovery runs); undefined = the first one. */
  vault?: string;
  kind: CollectionKind;
  deleted: boolean;
  /** Sort order per pane (see sortKeyOf): each collection, live or deleted, keeps its own. */
  sorts: Readonly<Record<string, ListSort>>;
  /** Cursor per list (see listKey), so switching tabs and back keeps the place. */
  cursors: Readonly<Record<string, number>>;
  filter: string;
  filterEditing: boolean;
  opened?: Opened;
  detailsCursor: number;
  /** The selected line of the operations panel. */
  opsCursor: number;
  /** The vaults pane shows ARM's deleted vaults instead of the vaults (D there). */
  vaultsDeleted: boolean;
  deletedVaultCursor: number;
  help: { open: boolean; offset: number };
  /** The `:` line while it is open. */
  command?: string;
  overlay?: Overlay;
  message?: StatusMessage;
  /** An item to put the cursor on once it is in its list (one just created): vault URL, kind, name. */
  select?: { vault: string; kind: CollectionKind; name: string };
}

export const initialNav: NavState = {
  focus: 'items',
  kind: 'secrets',
  deleted: false,
  sorts: {},
  cursors: {},
  filter: '',
  filterEditing: false,
  detailsCursor: 0,
  opsCursor: 0,
  vaultsDeleted: false,
  deletedVaultCursor: 0,
  help: { open: false, offset: 0 },
};

export type NavAction =
  | { type: 'move'; command: MoveCommand; count: number; page: number; /** The vaults pane's URLs in display order (moves there pick a vault). */ vaults?: readonly string[] }
  | { type: 'focus'; pane: Pane }
  | { type: 'cyclePane'; direction: 1 | -1 }
  | { type: 'kind'; kind: CollectionKind }
  | { type: 'toggleDeleted' }
  | { type: 'toggleVaultsDeleted' }
  | { type: 'vault'; url: string }
  | { type: 'open'; id: string; version?: string }
  | { type: 'back' }
  | { type: 'filterStart' }
  | { type: 'filterText'; text: string }
  | { type: 'filterAccept' }
  | { type: 'filterSet'; text: string }
  | { type: 'help'; open: boolean }
  | { type: 'helpScroll'; delta: number }
  | { type: 'commandOpen' }
  | { type: 'commandText'; text: string }
  | { type: 'commandClose' }
  /** Next sort key (or `key`), or the order reversed; `cursor` keeps the cursor on its item in the new order. */
  | { type: 'sort'; key?: SortKey; reverse?: boolean; descending?: boolean; cursor?: number }
  | { type: 'message'; message?: StatusMessage }
  /** Remember an item to select when it shows up in its list. */
  | { type: 'selectWhenListed'; vault: string; kind: CollectionKind; name: string }
  /** The cursor onto row `index` of the current list (and the pending selection done). */
  | { type: 'cursorTo'; index: number }
  | { type: 'overlay'; overlay?: Overlay };

export function listKey(state: Pick<NavState, 'vault' | 'kind' | 'deleted'>): string {
  return `${state.vault ?? ''}|${state.kind}|${state.deleted ? 'deleted' : 'live'}`;
}

/** Which pane a sort belongs to: the collection, live or deleted (not the vault: a habit per kind). */
function sortKeyOf(state: Pick<NavState, 'kind' | 'deleted'>): string {
  return `${state.kind}|${state.deleted ? 'deleted' : 'live'}`;
}

export function sortOf(state: Pick<NavState, 'kind' | 'deleted' | 'sorts'>): ListSort {
  return state.sorts[sortKeyOf(state)] ?? DEFAULT_SORT;
}

export function cursorOf(state: NavState): number {
  return state.cursors[listKey(state)] ?? 0;
}

/** Leaving a list: the filter, the opened item and an item waiting to be selected belong to it. */
function leaveList(state: NavState): NavState {
  return { ...state, filter: '', filterEditing: false, opened: undefined, detailsCursor: 0, select: undefined };
}

function panes(state: NavState): Pane[] {
  return state.opened ? ['vaults', 'items', 'details'] : ['vaults', 'items'];
}

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'move': {
      if (state.overlay && !state.help.open) {
        return { ...state, overlay: { ...state.overlay, cursor: moveCursor(state.overlay.cursor, action.command, action.count, action.page) } };
      }
      if (state.focus === 'vaults' && state.vaultsDeleted) {
        return { ...state, deletedVaultCursor: moveCursor(state.deletedVaultCursor, action.command, action.count, action.page) };
      }
      if (state.focus === 'vaults') {
        const urls = action.vaults ?? [];
        if (urls.length === 0) return state;
        const at = Math.max(0, state.vault === undefined ? 0 : urls.indexOf(state.vault));
        const vault = urls[moveCursor(at, action.command, urls.length, action.page)];
        return vault === state.vault ? state : { ...leaveList(state), vault };
      }
      if (state.focus === 'operations') {
        return { ...state, opsCursor: moveCursor(state.opsCursor, action.command, action.count, action.page) };
      }
      if (state.focus === 'details') {
        return { ...state, detailsCursor: moveCursor(state.detailsCursor, action.command, action.count, action.page) };
      }
      const key = listKey(state);
      const cursor = moveCursor(state.cursors[key] ?? 0, action.command, action.count, action.page);
      // The user moved: a created item that is not listed yet no longer takes the cursor from them.
      return { ...state, cursors: { ...state.cursors, [key]: cursor }, select: undefined };
    }
    case 'focus':
      if (action.pane === 'details' && !state.opened) return state;
      return { ...state, focus: action.pane };
    case 'cyclePane': {
      const list = panes(state);
      const i = list.indexOf(state.focus);
      return { ...state, focus: list[(i + action.direction + list.length) % list.length] };
    }
    case 'kind':
      if (state.kind === action.kind) return { ...state, focus: 'items', opened: undefined, detailsCursor: 0 };
      return { ...leaveList(state), kind: action.kind, focus: 'items' };
    case 'toggleDeleted':
      return { ...leaveList(state), deleted: !state.deleted, focus: 'items' };
    case 'toggleVaultsDeleted':
      return { ...state, vaultsDeleted: !state.vaultsDeleted, deletedVaultCursor: 0, focus: 'vaults' };
    case 'vault':
      if (action.url === state.vault) return state;
      return { ...leaveList(state), vault: action.url };
    case 'open':
      return { ...state, opened: { id: action.id, version: action.version }, focus: 'details', detailsCursor: 0, filterEditing: false };
    case 'back':
      if (state.help.open) return { ...state, help: { open: false, offset: 0 } };
      if (state.command !== undefined) return { ...state, command: undefined };
      if (state.overlay) return { ...state, overlay: undefined };
      if (state.filterEditing) return { ...state, filter: '', filterEditing: false };
      if (state.focus === 'operations') return { ...state, focus: state.opened ? 'details' : 'items' };
      if (state.opened?.version !== undefined && state.focus === 'details') {
        return { ...state, opened: { id: state.opened.id }, detailsCursor: 0 };
      }
      if (state.opened) return { ...state, opened: undefined, focus: 'items', detailsCursor: 0 };
      if (state.filter) return { ...state, filter: '' };
      if (state.focus === 'items') return state;
      return { ...state, focus: 'items' };
    case 'filterStart':
      return { ...state, filterEditing: true, focus: 'items', opened: undefined, detailsCursor: 0 };
    case 'filterText':
    case 'filterSet': {
      const key = listKey(state);
      return {
        ...state,
        filter: action.text,
        filterEditing: action.type === 'filterText',
        cursors: { ...state.cursors, [key]: 0 },
        ...(action.type === 'filterSet' ? { focus: 'items' as const, opened: undefined } : {}),
      };
    }
    case 'filterAccept':
      return { ...state, filterEditing: false };
    case 'help':
      return { ...state, help: { open: action.open, offset: 0 } };
    case 'helpScroll':
      return { ...state, help: { ...state.help, offset: Math.max(0, state.help.offset + action.delta) } };
    case 'commandOpen':
      return { ...state, command: '', message: undefined };
    case 'commandText':
      return { ...state, command: action.text };
    case 'commandClose':
      return { ...state, command: undefined };
    case 'sort': {
      const current = sortOf(state);
      const next: ListSort = action.reverse
        ? { ...current, reverse: !current.reverse }
        : { key: action.key ?? nextSortKey(current.key), reverse: action.descending ?? false };
      return { ...state, sorts: { ...state.sorts, [sortKeyOf(state)]: next }, cursors: { ...state.cursors, [listKey(state)]: action.cursor ?? 0 } };
    }
    case 'message':
      return { ...state, message: action.message };
    case 'selectWhenListed':
      return { ...state, select: { vault: action.vault, kind: action.kind, name: action.name } };
    case 'cursorTo':
      return { ...state, select: undefined, cursors: { ...state.cursors, [listKey(state)]: Math.max(0, action.index) } };
    case 'overlay':
      return { ...state, overlay: action.overlay, help: { open: false, offset: 0 } };
  }
}

/** The cursor clamped to a list that may have shrunk since it was set. */
export function clampCursor(cursor: number, count: number): number {
  return count === 0 ? 0 : clamp(cursor, 0, count - 1);
}
