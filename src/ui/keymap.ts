// The keymap is data: command id → keys → description → where it applies. Input handling
// and the help overlay are both generated from it; config can remap keys by command id.

/** `error`: the focused pane (or selected operation) has an error the error view can show. */
/** `live` / `deleted`: which view of the items pane is shown. */
/** `dialog`: an open dialog, which reads only the dialog.* commands. */
/** `input`: where text is typed (a form, the purge prompt's name, the filter, the `:` line); only the input.* commands. */
export type Context = 'global' | 'list' | 'vaults' | 'items' | 'details' | 'operations' | 'secret' | 'key' | 'certificate' | 'error' | 'live' | 'deleted' | 'dialog' | 'overlay' | 'input';

export type Section = 'Move' | 'Panes' | 'Items' | 'Changes' | 'App' | 'Dialogs';

interface BindingSpec {
  command: string;
  keys: readonly string[];
  description: string;
  section: Section;
  contexts: readonly Context[];
  mutating?: boolean;
}

export interface Binding {
  command: CommandId;
  keys: readonly string[];
  description: string;
  section: Section;
  /** Where the binding is active; 'global' means everywhere. */
  contexts: readonly Context[];
  /** Changes vault contents: disabled (and shown so in help) in read-only mode. */
  mutating?: boolean;
}

const bindings = [
  { command: 'move.down', keys: ['j', 'down'], description: 'move down', section: 'Move', contexts: ['list'] },
  { command: 'move.up', keys: ['k', 'up'], description: 'move up', section: 'Move', contexts: ['list'] },
  { command: 'move.top', keys: ['g', 'home'], description: 'first item', section: 'Move', contexts: ['list'] },
  { command: 'move.bottom', keys: ['G', 'end'], description: 'last item', section: 'Move', contexts: ['list'] },
  { command: 'move.pageUp', keys: ['pageup'], description: 'page up', section: 'Move', contexts: ['list'] },
  { command: 'move.pageDown', keys: ['pagedown'], description: 'page down', section: 'Move', contexts: ['list'] },
  { command: 'pane.next', keys: ['tab'], description: 'next pane', section: 'Panes', contexts: ['global'] },
  { command: 'pane.prev', keys: ['shift+tab'], description: 'previous pane', section: 'Panes', contexts: ['global'] },
  { command: 'pane.vaults', keys: ['1'], description: 'vaults', section: 'Panes', contexts: ['global'] },
  { command: 'pane.keys', keys: ['2'], description: 'keys', section: 'Panes', contexts: ['global'] },
  { command: 'pane.secrets', keys: ['3'], description: 'secrets', section: 'Panes', contexts: ['global'] },
  { command: 'pane.certificates', keys: ['4'], description: 'certificates', section: 'Panes', contexts: ['global'] },
  { command: 'open', keys: ['return'], description: 'open (details, versions)', section: 'Items', contexts: ['list'] },
  { command: 'back', keys: ['escape'], description: 'back', section: 'Items', contexts: ['global'] },
  { command: 'filter', keys: ['/'], description: 'filter the list ({back} clears)', section: 'Items', contexts: ['list'] },
  { command: 'reveal', keys: ['v'], description: 'reveal / hide a secret value', section: 'Items', contexts: ['secret'] },
  { command: 'copy', keys: ['y'], description: 'copy value, id or PEM (az command, radar in :az, :expiring)', section: 'Items', contexts: ['items', 'details', 'overlay', 'operations'] },
  { command: 'sort', keys: ['s'], description: 'sort by name / updated / expiry', section: 'Items', contexts: ['items', 'details'] },
  { command: 'sort.reverse', keys: ['S'], description: 'reverse the sort order', section: 'Items', contexts: ['items'] },
  { command: 'deleted.toggle', keys: ['D'], description: 'deleted items view', section: 'Items', contexts: ['items', 'details'] },
  { command: 'refresh', keys: ['R'], description: 'refresh (in vaults: find vaults again)', section: 'Items', contexts: ['global'] },
  { command: 'vault.pin', keys: ['p'], description: 'pin / unpin the vault (kept in config)', section: 'Panes', contexts: ['vaults'] },
  { command: 'vault.new', keys: ['n'], description: 'new vault (through ARM)', section: 'Changes', contexts: ['vaults'], mutating: true },
  { command: 'vault.delete', keys: ['d'], description: 'delete the vault (asks first)', section: 'Changes', contexts: ['vaults'], mutating: true },
  { command: 'vault.policies', keys: ['a'], description: 'who may access the vault (access policies)', section: 'Panes', contexts: ['vaults', 'items'] },
  { command: 'vaults.deleted', keys: ['D'], description: 'deleted vaults view', section: 'Panes', contexts: ['vaults'] },
  { command: 'vault.recover', keys: ['u'], description: 'recover a deleted vault', section: 'Changes', contexts: ['vaults'], mutating: true },
  { command: 'vault.purge', keys: ['P'], description: 'purge a deleted vault (type the name)', section: 'Changes', contexts: ['vaults'], mutating: true },
  { command: 'item.new', keys: ['n'], description: 'new item', section: 'Changes', contexts: ['items', 'details'], mutating: true },
  { command: 'item.newVersion', keys: ['N'], description: 'new secret version', section: 'Changes', contexts: ['secret'], mutating: true },
  { command: 'key.rotate', keys: ['r'], description: 'rotate key', section: 'Changes', contexts: ['key'], mutating: true },
  { command: 'certificate.import', keys: ['i'], description: 'import PEM/PFX file', section: 'Changes', contexts: ['certificate'], mutating: true },
  { command: 'certificate.download', keys: ['w'], description: 'save cert to file', section: 'Items', contexts: ['certificate'] },
  { command: 'item.edit', keys: ['e'], description: 'edit attributes / tags', section: 'Changes', contexts: ['items', 'details'], mutating: true },
  { command: 'item.delete', keys: ['d'], description: 'delete (asks first)', section: 'Changes', contexts: ['items', 'details'], mutating: true },
  { command: 'item.recover', keys: ['u'], description: 'recover a deleted item', section: 'Changes', contexts: ['items', 'details'], mutating: true },
  { command: 'item.purge', keys: ['P'], description: 'purge (type the name)', section: 'Changes', contexts: ['items', 'details'], mutating: true },
  { command: 'operations.focus', keys: ['o'], description: 'operations panel', section: 'App', contexts: ['global'] },
  { command: 'operations.cancel', keys: ['c'], description: 'cancel / abandon operation', section: 'App', contexts: ['operations'] },
  { command: 'operations.clear', keys: ['x'], description: 'clear finished operations', section: 'App', contexts: ['operations'] },
  { command: 'error.show', keys: ['!'], description: 'show the whole error (request, sign-in reasons)', section: 'App', contexts: ['error'] },
  { command: 'clipboard.clear', keys: ['X'], description: 'clear the clipboard', section: 'App', contexts: ['global'] },
  { command: 'commandLine', keys: [':'], description: 'command line (:secrets, :vault NAME, :q)', section: 'App', contexts: ['global'] },
  { command: 'help', keys: ['?'], description: 'help', section: 'App', contexts: ['global'] },
  { command: 'quit', keys: ['q', 'ctrl+c'], description: 'quit', section: 'App', contexts: ['global'] },
  { command: 'dialog.yes', keys: ['y', 'return'], description: 'yes, go ahead', section: 'Dialogs', contexts: ['dialog'] },
  { command: 'dialog.no', keys: ['n', 'escape'], description: 'no, keep things as they are', section: 'Dialogs', contexts: ['dialog'] },
  { command: 'dialog.purge', keys: ['p'], description: 'delete and purge (delete dialog)', section: 'Dialogs', contexts: ['dialog'] },
  { command: 'dialog.wait', keys: ['w'], description: 'wait for running operations (quitting)', section: 'Dialogs', contexts: ['dialog'] },
  { command: 'input.send', keys: ['return'], description: 'send a form, confirm a typed name, accept a filter', section: 'Dialogs', contexts: ['input'] },
  { command: 'input.cancel', keys: ['escape'], description: 'cancel a form or typed name, clear a filter being typed', section: 'Dialogs', contexts: ['input'] },
  { command: 'input.editor', keys: ['ctrl+e'], description: "edit a form's long field in $EDITOR", section: 'Dialogs', contexts: ['input'] },
] as const satisfies readonly BindingSpec[];

/** Every command the keymap knows; handlers are keyed by it, so a missing one does not compile. */
export type CommandId = (typeof bindings)[number]['command'];

export const defaultKeymap: readonly Binding[] = bindings;

/** The keys of a command as people read them: "y/Enter"; "(unbound)" when config took them all away. */
export function keysFor(keymap: readonly Binding[], command: CommandId): string {
  const keys = keymap.find((b) => b.command === command)?.keys ?? [];
  return keys.length > 0 ? keys.map(displayKey).join('/') : `(${command} is unbound)`;
}

/** The first key of a command, for hints in running text ("D shows deleted items"). */
export function keyFor(keymap: readonly Binding[], command: CommandId): string {
  const key = keymap.find((b) => b.command === command)?.keys[0];
  return key === undefined ? `(${command} is unbound)` : displayKey(key);
}

/**
 * A binding's description for people: `{command}` in it becomes that command's key in this
 * keymap ("filter the list ({back} clears)" → "filter the list (Esc clears)").
 */
export function describeBinding(keymap: readonly Binding[], binding: Pick<Binding, 'description'>): string {
  return binding.description.replace(/\{([a-zA-Z.]+)\}/g, (_, command: string) => keyFor(keymap, command as CommandId));
}

/** Whether a key name belongs to the command in this keymap. */
export function isKeyOf(keymap: readonly Binding[], command: CommandId, name: string): boolean {
  return keymap.some((b) => b.command === command && b.keys.includes(name));
}

/** The parts of Ink's `Key` that name a key; kept structural so tests need not import Ink. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

/** Canonical key name for an Ink input event ("j", "G", "down", "shift+tab", "ctrl+c"). */
export function keyName(input: string, key: KeyInfo): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.meta && input) return `meta+${input}`;
  return input;
}

/** Applies `{command: [keys]}` overrides from config; unknown commands are reported, not ignored. */
export function remap(
  keymap: readonly Binding[],
  overrides: Record<string, readonly string[]>,
): { keymap: Binding[]; unknown: string[] } {
  const known = new Set<string>(keymap.map((b) => b.command));
  const unknown = Object.keys(overrides).filter((c) => !known.has(c));
  return {
    keymap: keymap.map((b) => (overrides[b.command] ? { ...b, keys: [...overrides[b.command]] } : b)),
    unknown,
  };
}

/**
 * The command a key triggers in the given active contexts. Later contexts are more specific
 * and win, so a pane can take over a key that is also global.
 */
export function resolveCommand(
  keymap: readonly Binding[],
  name: string,
  active: readonly Context[],
): Binding | undefined {
  let found: Binding | undefined;
  let rank = -1;
  for (const b of keymap) {
    if (!b.keys.includes(name)) continue;
    for (const c of b.contexts) {
      const r = c === 'global' ? 0 : active.indexOf(c) + 1;
      if (r > rank && (c === 'global' || active.includes(c))) {
        found = b;
        rank = r;
      }
    }
  }
  return found;
}

/** How a key name is shown to people: "↓", "PgDn", "S-Tab", "^C". */
export function displayKey(name: string): string {
  const names: Record<string, string> = {
    down: '↓',
    up: '↑',
    left: '←',
    right: '→',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    return: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift+tab': 'S-Tab',
    backspace: 'Bksp',
  };
  if (names[name]) return names[name];
  if (name.startsWith('ctrl+')) return `^${name.slice(5).toUpperCase()}`;
  return name;
}
