// Every keymap command and what it does in the explorer, as one Record<CommandId, …>: a
// command added to the keymap without a handler here does not compile. Mutating commands in
// read-only mode go to the store anyway, which refuses before sending anything; its words
// are what the status line shows.
import type { CommandContext } from './explorer-commands.js';
import { runCommand } from './explorer-commands.js';
import type { ChangeContext } from './change-commands.js';
import { cancelOperation, clearOperations, copy, errorMessage, itemCommand, newItem, refuse, showError } from './change-commands.js';
import type { CommandId } from './keymap.js';
import { runVaultCommand } from './vault-commands.js';
import { sortOf } from './navigation.js';

export type ExplorerContext = CommandContext & ChangeContext;

type Handler = (ctx: ExplorerContext) => void;

/** Navigation and view commands (explorer-commands.ts). */
const explorer =
  (command: CommandId): Handler =>
  (ctx) =>
    runCommand(command, ctx);

/** The vaults pane's commands (vault-commands.ts). */
const vault =
  (command: CommandId): Handler =>
  (ctx) =>
    void runVaultCommand(command, ctx);

/** Dialog answers and text-input keys are read by the open dialog, form or prompt itself (dialog-keys.ts); the explorer has none to act on. */
const inDialogOnly: Handler = () => {};

export const handlers: Record<CommandId, Handler> = {
  'move.down': explorer('move.down'),
  'move.up': explorer('move.up'),
  'move.top': explorer('move.top'),
  'move.bottom': explorer('move.bottom'),
  'move.pageUp': explorer('move.pageUp'),
  'move.pageDown': explorer('move.pageDown'),
  'pane.next': explorer('pane.next'),
  'pane.prev': explorer('pane.prev'),
  'pane.vaults': explorer('pane.vaults'),
  'pane.keys': explorer('pane.keys'),
  'pane.secrets': explorer('pane.secrets'),
  'pane.certificates': explorer('pane.certificates'),
  // Enter on a failed operation, or on a list that shows only its error, opens the error view.
  open: (ctx) => {
    if (showError(ctx, true) || ctx.nav().focus === 'operations') return;
    runCommand('open', ctx);
  },
  back: explorer('back'),
  filter: (ctx) => {
    if (ctx.nav().focus !== 'operations') runCommand('filter', ctx);
  },
  reveal: explorer('reveal'),
  copy: (ctx) => void copy(ctx),
  sort: (ctx) => {
    runCommand('sort', ctx);
    const nav = ctx.nav();
    // From the details the list may be hidden: say what changed.
    if (nav.focus === 'details') ctx.say(`the list is now sorted by ${sortOf(nav).key}`, 'info');
  },
  'sort.reverse': explorer('sort.reverse'),
  'deleted.toggle': explorer('deleted.toggle'),
  refresh: explorer('refresh'),
  'vault.pin': explorer('vault.pin'),
  'vault.new': vault('vault.new'),
  'vault.delete': vault('vault.delete'),
  'vault.policies': vault('vault.policies'),
  'vaults.deleted': vault('vaults.deleted'),
  'vault.recover': vault('vault.recover'),
  'vault.purge': vault('vault.purge'),
  'item.new': (ctx) => newItem(ctx, 'new'),
  'item.newVersion': (ctx) => itemCommand(ctx, 'item.newVersion'),
  'key.rotate': (ctx) => itemCommand(ctx, 'key.rotate'),
  'certificate.import': (ctx) => newItem(ctx, 'import'),
  'certificate.download': (ctx) => itemCommand(ctx, 'certificate.download'),
  'item.edit': (ctx) => itemCommand(ctx, 'item.edit'),
  'item.delete': (ctx) => itemCommand(ctx, 'item.delete'),
  'item.recover': (ctx) => itemCommand(ctx, 'item.recover'),
  'item.purge': (ctx) => itemCommand(ctx, 'item.purge'),
  'operations.focus': (ctx) => ctx.dispatch({ type: 'focus', pane: 'operations' }),
  'operations.cancel': cancelOperation,
  'operations.clear': clearOperations,
  'error.show': (ctx) => void showError(ctx, false),
  'clipboard.clear': (ctx) => void ctx.clipboard.clear().catch((error: unknown) => ctx.say(errorMessage(error), 'error')),
  commandLine: explorer('commandLine'),
  help: explorer('help'),
  quit: (ctx) => ctx.quit(),
  'dialog.yes': inDialogOnly,
  'dialog.no': inDialogOnly,
  'dialog.purge': inDialogOnly,
  'dialog.wait': inDialogOnly,
  'input.send': inDialogOnly,
  'input.cancel': inDialogOnly,
  'input.editor': inDialogOnly,
};

export function runKeyCommand(command: CommandId, ctx: ExplorerContext): void {
  const binding = ctx.keymap.find((b) => b.command === command);
  // Vault commands say themselves what read-only mode refuses (vault-commands.ts).
  if (binding?.mutating && ctx.store.getSnapshot().readOnly && !command.startsWith('vault')) return refuse(ctx, command);
  handlers[command](ctx);
}
