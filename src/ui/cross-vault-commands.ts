// The cross-vault commands — `:find`, `:expiring`, `:az`, `:note`, `:export` — and the keys
// inside their views (Enter opens the item in its vault, R loads again, y copies). Data comes
// from store actions; what is shown is computed by cross-vault-rows.ts.
import type { Dispatch } from 'react';
import { azCommand } from '../store/az-command.js';
import { radarCsv, radarMarkdown } from '../store/expiry-radar.js';
import { parseFindQuery } from '../store/find-query.js';
import { incidentNote } from '../store/incident-note.js';
import { writeReportFile } from '../store/report-file.js';
import type { ItemDetails, ItemSummary, Operation, Store, StoreSnapshot } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import type { AzEntry } from './az-view.js';
import { findView, radarView } from './cross-vault-rows.js';
import type { NavAction, NavState } from './navigation.js';
import { currentRows, currentVault, selectedItem } from './view-model.js';

export interface CrossVaultContext {
  store: Store;
  nav: () => NavState;
  dispatch: Dispatch<NavAction>;
  now: () => number;
  say(text: string, tone: 'info' | 'warning' | 'error'): void;
  copy(text: string, what: string): Promise<void>;
}

const NOUN = { secrets: 'secret', keys: 'key', certificates: 'certificate', vaults: 'vault' } as const;

/** The item the explorer shows: the opened one (with its details when loaded), else the row under the cursor. */
export function shownItem(snapshot: StoreSnapshot, nav: NavState): ItemDetails | undefined {
  if (nav.opened) {
    const id = nav.opened.id;
    return snapshot.details[id]?.item ?? currentRows(snapshot, nav).find((r) => r.item.id === id)?.item;
  }
  if (nav.focus !== 'items') return undefined;
  return selectedItem(currentRows(snapshot, nav), nav);
}

function operationTitle(op: Operation): string {
  const mark = op.state === 'running' ? '…' : op.state === 'succeeded' ? '✓' : op.state === 'failed' ? '✗' : '⊘';
  const verb = op.kind === 'deleteAndPurge' ? 'delete and purge' : op.kind;
  return `${mark} ${verb} ${NOUN[op.collection]} ${op.vault}/${op.target}`;
}

/** What `:az` lists: the shown item's command, then every operation of this session (newest last). */
export function azEntries(snapshot: StoreSnapshot, nav: NavState): AzEntry[] {
  const entries: AzEntry[] = [];
  const item = shownItem(snapshot, nav);
  const vault = currentVault(snapshot, nav);
  if (item && vault) {
    const version = nav.opened?.id === item.id ? nav.opened.version : undefined;
    entries.push({
      title: `shown: ${NOUN[item.kind]} ${item.name}${version ? `@${version.slice(0, 8)}` : ''}${nav.deleted ? ' (deleted)' : ''}`,
      command: azCommand({ op: 'show', kind: item.kind, vault: vault.name, name: item.name, version, deleted: nav.deleted }),
    });
  }
  for (const op of snapshot.operations) {
    if (!op.az) continue;
    entries.push({ title: operationTitle(op), command: op.az });
    if (op.cancellable && op.state === 'running') {
      entries.push({ title: `  to cancel that request`, command: azCommand({ op: 'cancelCertificate', vaultUrl: op.vaultUrl, name: op.target }) });
    }
  }
  return entries;
}

/** Opens an item from :find or the radar in its own vault: the vault, its tab, the cursor on it, details open. */
function openInVault(ctx: CrossVaultContext, item: ItemSummary): void {
  const snapshot = ctx.store.getSnapshot();
  if (!snapshot.vaults.some((v) => v.url === item.vaultUrl)) return ctx.say(`the vault of ${escapeControl(item.name)} is no longer open`, 'warning');
  ctx.dispatch({ type: 'overlay' });
  ctx.dispatch({ type: 'vault', url: item.vaultUrl });
  if (ctx.nav().deleted) ctx.dispatch({ type: 'toggleDeleted' });
  ctx.dispatch({ type: 'kind', kind: item.kind });
  ctx.dispatch({ type: 'filterSet', text: '' });
  const row = currentRows(ctx.store.getSnapshot(), ctx.nav()).findIndex((r) => r.item.id === item.id);
  if (row >= 0) ctx.dispatch({ type: 'cursorTo', index: row });
  ctx.dispatch({ type: 'open', id: item.id });
}

export function startFind(ctx: CrossVaultContext, text: string): void {
  const parsed = parseFindQuery(text);
  if (!parsed.ok) return ctx.say(escapeControl(parsed.message), 'error');
  ctx.dispatch({ type: 'overlay', overlay: { kind: 'find', query: text.trim(), cursor: 0 } });
  ctx.store.scanVaults();
}

export function startRadar(ctx: CrossVaultContext, days: number, versions = false): void {
  ctx.dispatch({ type: 'overlay', overlay: { kind: 'radar', days, cursor: 0, versions } });
  ctx.store.scanVaults();
}

export function showAz(ctx: CrossVaultContext): void {
  ctx.dispatch({ type: 'overlay', overlay: { kind: 'az', cursor: 0 } });
}

export function copyNote(ctx: CrossVaultContext): void {
  const snapshot = ctx.store.getSnapshot();
  const nav = ctx.nav();
  const note = incidentNote({
    item: shownItem(snapshot, nav),
    vaultName: currentVault(snapshot, nav)?.name,
    identity: snapshot.identity,
    operations: snapshot.operations,
    now: ctx.now(),
  });
  ctx.copy(note, 'the incident note (Markdown, no values)').catch((error: unknown) => ctx.say(`could not copy the note: ${escapeControl(String(error))}`, 'error'));
}

export function exportRadar(ctx: CrossVaultContext, path: string): void {
  const overlay = ctx.nav().overlay;
  if (overlay?.kind !== 'radar') return ctx.say(':export writes the expiry radar: open it first with :expiring [DAYS]', 'error');
  const lower = path.toLowerCase();
  const format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.md') || lower.endsWith('.markdown') ? 'md' : undefined;
  if (!format) return ctx.say(`:export needs a file ending in .csv or .md, not "${escapeControl(path)}"`, 'error');
  const snapshot = ctx.store.getSnapshot();
  const rows = radarView(snapshot.vaults, overlay.days, ctx.now(), snapshot.renewals, overlay.versions ? snapshot.versionLists : undefined);
  const text = format === 'csv' ? radarCsv(rows) : radarMarkdown(rows, overlay.days, ctx.now());
  writeReportFile(path, text).then(
    (written) => ctx.say(`wrote ${rows.length} radar rows to ${escapeControl(written)}`, 'info'),
    (error: unknown) => ctx.say(escapeControl(error instanceof Error ? error.message : String(error)), 'error'),
  );
}

/** `y` in the operations panel: the selected operation's az command. */
export function copyOperationAz(ctx: CrossVaultContext): void {
  const snapshot = ctx.store.getSnapshot();
  const ops = snapshot.operations;
  const op = ops[Math.min(ctx.nav().opsCursor, ops.length - 1)];
  if (!op?.az) return ctx.say('no operation selected', 'warning');
  void ctx.copy(op.az, `the az command of ${operationTitle(op).slice(2)}`);
}

/**
 * Keys while a cross-vault view is open. Returns false for what the explorer handles as usual
 * (moving, Esc, quitting, the command line, help).
 */
export function runOverlayCommand(command: string, ctx: CrossVaultContext): boolean {
  const nav = ctx.nav();
  const overlay = nav.overlay;
  if (!overlay) return false;
  const snapshot = ctx.store.getSnapshot();
  switch (command) {
    case 'open': {
      if (overlay.kind === 'find') {
        const hit = findView(snapshot.vaults, parseFindOrEmpty(overlay.query)).items[overlay.cursor];
        if (hit) openInVault(ctx, hit.item);
      } else if (overlay.kind === 'radar') {
        const row = radarView(snapshot.vaults, overlay.days, ctx.now(), snapshot.renewals, overlay.versions ? snapshot.versionLists : undefined)[overlay.cursor];
        const item = row && snapshot.vaults.find((v) => v.url === row.vaultUrl)?.collections[row.kind].items.find((i) => i.id === row.id);
        if (item) openInVault(ctx, item);
      }
      return true;
    }
    case 'refresh':
      if (overlay.kind !== 'az') ctx.store.scanVaults({ refresh: true });
      return true;
    case 'copy': {
      if (overlay.kind === 'az') {
        const entry = azEntries(snapshot, nav)[overlay.cursor];
        if (entry) void ctx.copy(entry.command, 'the az command');
      } else if (overlay.kind === 'radar') {
        void ctx.copy(radarMarkdown(radarView(snapshot.vaults, overlay.days, ctx.now(), snapshot.renewals, overlay.versions ? snapshot.versionLists : undefined), overlay.days, ctx.now()), 'the expiry radar as Markdown');
      } else {
        const hit = findView(snapshot.vaults, parseFindOrEmpty(overlay.query)).items[overlay.cursor];
        if (hit) void ctx.copy(hit.item.id, `the id of ${NOUN[hit.item.kind]} ${escapeControl(hit.item.name)}`);
      }
      return true;
    }
    case 'filter':
      // `/` starts a new search from the find view.
      ctx.dispatch({ type: 'commandOpen' });
      ctx.dispatch({ type: 'commandText', text: 'find ' });
      return true;
    case 'pane.vaults':
    case 'pane.keys':
    case 'pane.secrets':
    case 'pane.certificates':
      ctx.dispatch({ type: 'overlay' });
      return false;
    default:
      return !isGeneral(command);
  }
}

/** Commands that act the same with a view open (they do not touch the list behind it). */
function isGeneral(command: string): boolean {
  return command.startsWith('move.') || ['back', 'quit', 'help', 'commandLine', 'clipboard.clear', 'operations.focus'].includes(command);
}

function parseFindOrEmpty(text: string) {
  const parsed = parseFindQuery(text);
  return parsed.ok ? parsed.query : { words: [], tags: [] };
}

/** How many lines the cursor moves over in the open view (for moving and clamping). */
export function overlayCount(snapshot: StoreSnapshot, nav: NavState, now: number): number {
  const overlay = nav.overlay;
  if (!overlay) return 0;
  if (overlay.kind === 'find') return findView(snapshot.vaults, parseFindOrEmpty(overlay.query)).items.length;
  if (overlay.kind === 'radar') return radarView(snapshot.vaults, overlay.days, now, snapshot.renewals, overlay.versions ? snapshot.versionLists : undefined).length;
  return azEntries(snapshot, nav).length;
}
