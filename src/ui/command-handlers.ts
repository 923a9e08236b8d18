// Every keymap command and what it does in the explorer, as one Record<CommandId, …>: a
// command added to the keymap without a handler here does not compile. Mutating commands in
// read-only mode go to the store anyway, which refuses before sending anything; its words
// are what the status line shows.
import type { CommandContext } from './explorer-commands.js';
import { move, open, refresh, showKind, sort, toggleReveal } from './explorer-commands.js';
import type { ChangeContext } from './change-commands.js';
import { cancelOperation, clearOperations, copy, errorMessage, itemCommand, newItem, refuse } from './change-commands.js';
import type { CommandId } from './keymap.js';

export type ExplorerContext = CommandContext & ChangeContext;

type Handler = (ctx: ExplorerContext) => void;

/** Dialog answers are read by the open dialog itself (dialog-keys.ts); the explorer has none to act on. */
const inDialogOnly: Handler = () => {};

export const handlers: Record<CommandId, Handler> = {
  'move.down': (ctx) => move('move.down', ctx),
  'move.up': (ctx) => move('move.up', ctx),
  'move.top': (ctx) => move('move.top', ctx),
  'move.bottom': (ctx) => move('move.bottom', ctx),
  'move.pageUp': (ctx) => move('move.pageUp', ctx),
  'move.pageDown': (ctx) => move('move.pageDown', ctx),
  'pane.next': (ctx) => ctx.dispatch({ type: 'cyclePane', direction: 1 }),
  'pane.prev': (ctx) => ctx.dispatch({ type: 'cyclePane', direction: -1 }),
  'pane.vaults': (ctx) => ctx.dispatch({ type: 'focus', pane: 'vaults' }),
  'pane.keys': (ctx) => showKind('keys', ctx),
  'pane.secrets': (ctx) => showKind('secrets', ctx),
  'pane.certificates': (ctx) => showKind('certificates', ctx),
  open,
  back: (ctx) => ctx.dispatch({ type: 'back' }),
  filter: (ctx) => {
    if (ctx.nav().focus !== 'operations') ctx.dispatch({ type: 'filterStart' });
  },
  reveal: toggleReveal,
  copy: (ctx) => void copy(ctx),
  sort,
  'deleted.toggle': (ctx) => ctx.dispatch({ type: 'toggleDeleted' }),
  refresh,
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
  'clipboard.clear': (ctx) => void ctx.clipboard.clear().catch((error: unknown) => ctx.say(errorMessage(error), 'error')),
  commandLine: (ctx) => ctx.dispatch({ type: 'commandOpen' }),
  help: (ctx) => ctx.dispatch({ type: 'help', open: true }),
  quit: (ctx) => ctx.quit(),
  'dialog.yes': inDialogOnly,
  'dialog.no': inDialogOnly,
  'dialog.purge': inDialogOnly,
  'dialog.wait': inDialogOnly,
};

export function runKeyCommand(command: CommandId, ctx: ExplorerContext): void {
  const binding = ctx.keymap.find((b) => b.command === command);
  if (binding?.mutating && ctx.store.getSnapshot().readOnly) return refuse(ctx, command);
  handlers[command](ctx);
}
