// What the change keys do in the explorer: open a form or a confirmation, start a store
// action, cancel in the operations panel, copy. In read-only mode the store's own refusal is
// what the status line shows. Keys named in messages come from the user's keymap.
import type { Dispatch } from 'react';
import type { DetailsState, ItemSummary, Store, StoreSnapshot, OperationSubject } from '../store/types.js';
import type { Binding, CommandId } from './keymap.js';
import { keyFor } from './keymap.js';
import type { Modal } from './modal.js';
import type { NavAction, NavState } from './navigation.js';
import { clampCursor } from './navigation.js';
import { escapeControl } from '../text/escape-control.js';
import { revealMatches } from './secret-details.js';
import type { Clipboard } from './use-clipboard.js';
import { detailsKey } from '../store/details-key.js';
import { currentRows, currentVault, selectedItem } from './view-model.js';
import { focusedError } from './focused-error.js';

type Tone = 'info' | 'warning' | 'error';

export interface ChangeContext {
  store: Store;
  keymap: readonly Binding[];
  nav: () => NavState;
  dispatch: Dispatch<NavAction>;
  openModal(modal: Modal): void;
  clipboard: Clipboard;
  say(text: string, tone: Tone): void;
}

const SINGULAR: Record<OperationSubject, string> = { keys: 'key', secrets: 'secret', certificates: 'certificate', vaults: 'vault' };

export function describeItem(item: Pick<ItemSummary, 'kind' | 'name'>): string {
  return `${SINGULAR[item.kind]} ${escapeControl(item.name)}`;
}

export function errorMessage(error: unknown): string {
  return errorText(error);
}

function errorText(error: unknown): string {
  return escapeControl(error instanceof Error ? error.message : String(error));
}

/** The item a change applies to: the opened one in the details pane, else the one under the cursor. */
export function targetItem(from: Store | StoreSnapshot, nav: NavState): { item: ItemSummary; version?: string } | undefined {
  const snapshot = 'getSnapshot' in from ? from.getSnapshot() : from;
  if (nav.focus === 'details' && nav.opened) {
    const opened = nav.opened;
    const item = snapshot.details[opened.id]?.item ?? currentRows(snapshot, nav).find((r) => r.item.id === opened.id)?.item;
    return item ? { item, version: opened.version } : undefined;
  }
  if (nav.focus !== 'items') return undefined;
  const item = selectedItem(currentRows(snapshot, nav), nav);
  return item ? { item } : undefined;
}

function ref(item: ItemSummary) {
  return { kind: item.kind, name: item.name, vaultUrl: item.vaultUrl };
}

/** Runs a store action that starts an operation; a refusal goes to the status line. */
function startOperation(ctx: Pick<ChangeContext, 'say' | 'keymap'>, what: string, run: () => unknown): void {
  try {
    run();
    ctx.say(`${what} — ${keyFor(ctx.keymap, 'operations.focus')} shows the operations panel`, 'info');
  } catch (error) {
    ctx.say(errorText(error), 'error');
  }
}

/** Read-only: asks the store anyway, which refuses before sending anything; shows its words. */
export function refuse(ctx: ChangeContext, command: CommandId): void {
  const { store } = ctx;
  const nav = ctx.nav();
  const vault = currentVault(store.getSnapshot(), nav)?.url ?? '';
  const target = targetItem(store, nav)?.item;
  const item = target ? ref(target) : { kind: nav.kind, name: 'x', vaultUrl: vault };
  const attempts: Partial<Record<CommandId, () => unknown>> = {
    'item.new': () =>
      nav.kind === 'secrets'
        ? store.createSecret({ vault, name: '', value: '' })
        : nav.kind === 'keys'
          ? store.createKey({ vault, name: '', keyType: 'RSA' })
          : store.createCertificate({ vault, name: '', subject: '', dnsNames: [], validityInMonths: 0, keyType: 'RSA', format: 'PEM' }),
    'item.newVersion': () => store.setSecretVersion({ vault, name: item.name, value: '' }),
    'key.rotate': () => store.rotateKey(item),
    'item.edit': () => store.updateProperties(item, {}),
    'item.delete': () => store.deleteItem(item),
    'item.recover': () => store.recoverItem(item),
    'item.purge': () => store.purgeItem(item),
    'certificate.import': () => store.importCertificate({ vault, name: '', file: '' }),
  };
  const attempt = attempts[command];
  try {
    const result = attempt ? attempt() : undefined;
    if (result instanceof Promise) result.catch((error: unknown) => ctx.say(errorText(error), 'error'));
  } catch (error) {
    ctx.say(errorText(error), 'error');
  }
}

function waitForDetails(store: Store, key: string, timeoutMs = 15_000): Promise<DetailsState | undefined> {
  return new Promise((resolve) => {
    const done = (d: DetailsState | undefined) => {
      unsubscribe();
      clearTimeout(timer);
      resolve(d);
    };
    const check = () => {
      const d = store.getSnapshot().details[key];
      if (d && (d.status === 'complete' || d.status === 'error')) done(d);
    };
    const unsubscribe = store.subscribe(check);
    const timer = setTimeout(() => done(store.getSnapshot().details[key]), timeoutMs);
    check();
  });
}

/** What `y` can copy of a secret: its value, the id of the version shown, or its versionless URI. */
export type SecretPart = 'value' | 'id' | 'uri';

export async function copy(ctx: ChangeContext): Promise<void> {
  const { store } = ctx;
  const nav = ctx.nav();
  const target = targetItem(store, nav);
  if (!target) return ctx.say('nothing selected to copy', 'warning');
  const { item, version } = target;
  const live = item.deletedOn === undefined && !nav.deleted;
  // A secret has three things worth copying: ask which, rather than always the value.
  if (item.kind === 'secrets' && live) return ctx.openModal({ type: 'copy', item, version });
  try {
    if (item.kind === 'certificates' && live) {
      const key = detailsKey(item, version);
      let details: DetailsState | undefined = store.getSnapshot().details[key];
      if (!details?.item?.certificate?.pem) {
        store.loadDetails(item, { version });
        details = await waitForDetails(store, key);
      }
      const pem = details?.item?.certificate?.pem;
      if (!pem) return ctx.say(`no PEM for ${describeItem(item)}${details?.error ? `: ${escapeControl(details.error.message)}` : ' (it may still be issuing)'}`, 'error');
      return await ctx.clipboard.copy(pem, `the PEM of ${describeItem(item)}`);
    }
    const id = version ? `${item.id}/${version}` : item.id;
    return await ctx.clipboard.copy(id, `the id of ${describeItem(item)}`);
  } catch (error) {
    ctx.say(`could not copy: ${errorText(error)}`, 'error');
  }
}

/** Copies the chosen part of a secret; the value is fetched (or taken from a reveal) and never shown. */
export async function copySecretPart(ctx: Pick<ChangeContext, 'store' | 'clipboard' | 'say'>, item: ItemSummary, version: string | undefined, part: SecretPart): Promise<void> {
  const { store } = ctx;
  const snapshot = store.getSnapshot();
  const latest = snapshot.details[item.id]?.item?.version ?? item.version;
  try {
    if (part === 'value') {
      const revealed = snapshot.revealed;
      const value = revealed && revealMatches(revealed, item.id, version, latest) ? revealed.value : await store.readSecretValue(item, { version });
      return await ctx.clipboard.copy(value, `the value of ${describeItem(item)}`, { secret: true });
    }
    if (part === 'uri') return await ctx.clipboard.copy(item.id, `the URI of ${describeItem(item)}`);
    const shown = version ?? latest;
    return await ctx.clipboard.copy(shown ? `${item.id}/${shown}` : item.id, `the id of ${describeItem(item)}${shown ? ` (version ${escapeControl(shown).slice(0, 8)})` : ''}`);
  } catch (error) {
    ctx.say(`could not copy: ${errorText(error)}`, 'error');
  }
}

export function recoveryText(item: ItemSummary, keymap: readonly Binding[]): string {
  if (item.recoveryLevel && !item.recoveryLevel.includes('Recoverable')) return 'This vault does not keep deleted items: the delete is final.';
  const days = item.recoverableDays ? `${item.recoverableDays} days` : 'the vault\'s retention period';
  return `It stays recoverable for ${days}: ${keyFor(keymap, 'deleted.toggle')} shows deleted items, ${keyFor(keymap, 'item.recover')} recovers.`;
}

/**
 * The error view for what has the focus (a failed operation, a list's or the details' error):
 * `!` always; Enter too on a failed operation or on a list that shows only its error. False
 * when Enter has nothing to show, so it opens as usual.
 */
export function showError(ctx: ChangeContext, viaEnter: boolean): boolean {
  const { store } = ctx;
  const nav = ctx.nav();
  const failure = focusedError(store.getSnapshot(), nav);
  if (viaEnter) {
    const onlyError = nav.focus === 'operations' || (nav.focus === 'items' && currentRows(store.getSnapshot(), nav).length === 0);
    if (!failure || !onlyError) return false;
  }
  if (failure) ctx.openModal({ type: 'error', title: failure.title, error: failure.error });
  else ctx.say('no error here to show', 'info');
  return true;
}

/** x in the operations panel. */
export function clearOperations(ctx: ChangeContext): void {
  ctx.store.clearFinishedOperations();
}

/** c in the operations panel: a certificate request asks first, then is cancelled at the service; anything else is abandoned. */
export function cancelOperation(ctx: ChangeContext): void {
  const { store } = ctx;
  const operations = store.getSnapshot().operations;
  const op = operations[clampCursor(ctx.nav().opsCursor, operations.length)];
  if (!op) return ctx.say('no operation selected', 'warning');
  const what = `${op.kind} ${SINGULAR[op.collection]} ${escapeControl(op.target)}`;
  if (op.state !== 'running') return ctx.say(`${what} has already finished (${op.state}); ${keyFor(ctx.keymap, 'operations.clear')} clears finished operations`, 'warning');
  if (op.cancellable) return ctx.openModal({ type: 'cancelOperation', operationId: op.id, what });
  store.abandonOperation(op.id);
  ctx.say(`stopped watching ${what}; the service finishes it anyway`, 'info');
}

/** The answer of the cancel confirmation. */
export function confirmCancel(ctx: Pick<ChangeContext, 'store' | 'say'>, operationId: string, what: string): void {
  ctx.store.cancelOperation(operationId).then(
    () => ctx.say(`asked the service to cancel ${what}`, 'info'),
    (error: unknown) => ctx.say(`could not cancel ${what}: ${errorText(error)}`, 'error'),
  );
}

/** n and i: the form for a new item of the list's kind, or an import. */
export function newItem(ctx: ChangeContext, form: 'new' | 'import'): void {
  const nav = ctx.nav();
  const vault = currentVault(ctx.store.getSnapshot(), nav)?.url;
  if (!vault) return;
  if (form === 'import') return ctx.openModal({ type: 'form', form: 'certificate.import', vault });
  if (nav.deleted) return ctx.say(`this is the deleted view: ${keyFor(ctx.keymap, 'deleted.toggle')} goes back to live items to create one`, 'warning');
  ctx.openModal({ type: 'form', form: nav.kind === 'secrets' ? 'secret.new' : nav.kind === 'keys' ? 'key.new' : 'certificate.new', vault });
}

export type ItemCommand = 'item.newVersion' | 'item.edit' | 'certificate.download' | 'key.rotate' | 'item.delete' | 'item.recover' | 'item.purge';

/** A key about the selected item (the list's, or the one open in the details): the same in both places. */
export function itemCommand(ctx: ChangeContext, command: ItemCommand): void {
  const { store } = ctx;
  const nav = ctx.nav();
  const vault = currentVault(store.getSnapshot(), nav)?.url;
  const target = targetItem(store, nav);
  if (!target || !vault) return ctx.say('select an item first', 'warning');
  const { item, version } = target;
  const k = (c: CommandId) => keyFor(ctx.keymap, c);
  if (command === 'item.recover' || command === 'item.purge') {
    if (!nav.deleted) ctx.say(`${command === 'item.recover' ? 'recover' : 'purge'} works on deleted items: ${k('deleted.toggle')} shows them`, 'warning');
    else if (command === 'item.recover') startOperation(ctx, `recovering ${describeItem(item)}`, () => store.recoverItem(ref(item)));
    else ctx.openModal({ type: 'purge', item, chained: false });
    return;
  }
  if (nav.deleted) {
    return ctx.say(`this is the deleted view: ${k('item.recover')} recovers, ${k('item.purge')} purges; ${k('deleted.toggle')} goes back to live items`, 'warning');
  }
  switch (command) {
    case 'item.newVersion':
      return ctx.openModal({ type: 'form', form: 'secret.version', vault, item });
    case 'item.edit':
      return ctx.openModal({ type: 'form', form: item.kind === 'secrets' ? 'secret.edit' : item.kind === 'keys' ? 'key.edit' : 'certificate.edit', vault, item, version });
    case 'certificate.download':
      return ctx.openModal({ type: 'form', form: 'certificate.download', vault, item, version });
    case 'key.rotate':
      // A certificate's key is renewed with the certificate: rotating it alone would break the pair.
      if (item.managed) return ctx.say(`${describeItem(item)} belongs to certificate ${escapeControl(item.name)}: renew the certificate to get a new key`, 'warning');
      return ctx.openModal({ type: 'rotate', item });
    case 'item.delete':
      return ctx.openModal({ type: 'delete', item });
  }
}

/** The answer of the rotate confirmation. */
export function confirmRotate(ctx: Pick<ChangeContext, 'store' | 'say' | 'keymap'>, item: ItemSummary): void {
  startOperation(ctx, `rotating ${describeItem(item)}`, () => ctx.store.rotateKey(ref(item)));
}

/** The answer of the delete and purge dialogs. */
export function answerDelete(ctx: Pick<ChangeContext, 'store' | 'say' | 'openModal' | 'keymap'>, item: ItemSummary, answer: 'delete' | 'deleteAndPurge' | 'no'): void {
  if (answer === 'delete') startOperation(ctx, `deleting ${describeItem(item)}`, () => ctx.store.deleteItem(ref(item)));
  else if (answer === 'deleteAndPurge') ctx.openModal({ type: 'purge', item, chained: true });
}

export function confirmPurge(ctx: Pick<ChangeContext, 'store' | 'say' | 'keymap'>, item: ItemSummary, chained: boolean): void {
  const run = () => (chained ? ctx.store.deleteAndPurge(ref(item)) : ctx.store.purgeItem(ref(item)));
  startOperation(ctx, `${chained ? 'deleting, then purging' : 'purging'} ${describeItem(item)}`, run);
}
