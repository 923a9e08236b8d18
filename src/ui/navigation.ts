// Where the user is: focused pane, vault, collection tab, deleted view, cursors, filter,
// opened item and overlays. A pure reducer, so navigation is tested without a terminal.
import type { CollectionKind } from '../store/types.js';
import type { MoveCommand } from './list-window.js';
import { clamp, moveCursor } from './list-window.js';
import type { SortKey } from './sort.js';
import { nextSortKey } from './sort.js';

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

export interface NavState {
  focus: Pane;
  /** The current vault's URL (never an index: vaults arrive and reorder as discovery runs); undefined = the first one. */
  vault?: string;
  kind: CollectionKind;
  deleted: boolean;
  sort: SortKey;
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
  message?: StatusMessage;
}

export const initialNav: NavState = {
  focus: 'items',
  kind: 'secrets',
  deleted: false,
  sort: 'name',
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
  | { type: 'sort'; key?: SortKey }
  | { type: 'message'; message?: StatusMessage };

export function listKey(state: Pick<NavState, 'vault' | 'kind' | 'deleted'>): string {
  return `${state.vault ?? ''}|${state.kind}|${state.deleted ? 'deleted' : 'live'}`;
}

export function cursorOf(state: NavState): number {
  return state.cursors[listKey(state)] ?? 0;
}

/** Leaving a list: the filter and the opened item belong to it. */
function leaveList(state: NavState): NavState {
  return { ...state, filter: '', filterEditing: false, opened: undefined, detailsCursor: 0 };
}

function panes(state: NavState): Pane[] {
  return state.opened ? ['vaults', 'items', 'details'] : ['vaults', 'items'];
}

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'move': {
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
      return { ...state, cursors: { ...state.cursors, [key]: cursor } };
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
    case 'sort':
      return { ...state, sort: action.key ?? nextSortKey(state.sort), cursors: { ...state.cursors, [listKey(state)]: 0 } };
    case 'message':
      return { ...state, message: action.message };
  }
}

/** The cursor clamped to a list that may have shrunk since it was set. */
export function clampCursor(cursor: number, count: number): number {
  return count === 0 ? 0 : clamp(cursor, 0, count - 1);
}
