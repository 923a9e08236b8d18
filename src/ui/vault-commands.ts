// What the vault keys do in the vaults pane: pin, the deleted-vaults view, and the vault
// lifecycle through ARM (new, delete, recover, purge). Data goes through store actions; in
// read-only mode the store refuses (before any ARM request) and its words are shown. Keys
// named in messages come from the user's keymap.
import type { Dispatch } from 'react';
import { isActionRefused } from '../store/operations-errors.js';
import type { Store } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import type { Modal } from './modal.js';
import type { NavAction, NavState } from './navigation.js';
import { clampCursor } from './navigation.js';
import { currentVault } from './view-model.js';
import type { Binding, CommandId } from './keymap.js';
import { keyFor } from './keymap.js';

export interface VaultCommandContext {
  store: Store;
  keymap: readonly Binding[];
  nav: () => NavState;
  dispatch: Dispatch<NavAction>;
  openModal(modal: Modal): void;
  say(text: string, tone: 'info' | 'warning' | 'error'): void;
}

function errorText(error: unknown): string {
  return escapeControl(isActionRefused(error) ? error.message : error instanceof Error ? error.message : String(error));
}

function attempt(ctx: Pick<VaultCommandContext, 'say' | 'keymap'>, what: string, run: () => unknown): void {
  try {
    run();
    ctx.say(`${what} — ${keyFor(ctx.keymap, 'operations.focus')} shows the operations panel`, 'info');
  } catch (error) {
    ctx.say(errorText(error), 'error');
  }
}

/** The deleted vault under the cursor in the deleted-vaults view. */
export function selectedDeletedVault(store: Store, nav: NavState) {
  const items = store.getSnapshot().deletedVaults.items;
  return items[clampCursor(nav.deletedVaultCursor, items.length)];
}

/** Handles a vault command; false when the command is not one. */
export function runVaultCommand(command: string, ctx: VaultCommandContext): boolean {
  const { store } = ctx;
  const nav = ctx.nav();
  const snapshot = store.getSnapshot();
  const readOnly = snapshot.readOnly;
  const k = (id: CommandId) => keyFor(ctx.keymap, id);
  switch (command) {
    case 'vaults.deleted':
      ctx.dispatch({ type: 'toggleVaultsDeleted' });
      if (!nav.vaultsDeleted) store.loadDeletedVaults();
      return true;
    case 'vault.policies': {
      const vault = currentVault(snapshot, nav);
      if (vault) ctx.openModal({ type: 'vault.policies', vaultUrl: vault.url });
      return true;
    }
    case 'vault.new':
      if (readOnly) {
        attempt(ctx, 'creating a vault', () =>
          store.createVault({ subscriptionId: '', resourceGroup: '', name: '', location: '', sku: 'standard', retentionDays: 90, purgeProtection: false, permissionModel: 'accessPolicies' }),
        );
      } else if (snapshot.discovery.status === 'off') ctx.say('creating a vault needs Azure Resource Manager (--cloud, --arm-endpoint)', 'warning');
      else ctx.openModal({ type: 'vault.new' });
      return true;
    case 'vault.delete': {
      if (nav.vaultsDeleted) {
        ctx.say(`this is the deleted-vaults view: ${k('vault.recover')} recovers, ${k('vault.purge')} purges; ${k('vaults.deleted')} goes back`, 'warning');
        return true;
      }
      const vault = currentVault(snapshot, nav);
      if (!vault) return true;
      if (readOnly) attempt(ctx, 'deleting', () => store.deleteVault(vault.url));
      else ctx.openModal({ type: 'vault.delete', vault });
      return true;
    }
    case 'vault.recover':
    case 'vault.purge': {
      if (!nav.vaultsDeleted) {
        ctx.say(`${command === 'vault.recover' ? 'recover' : 'purge'} works on deleted vaults: ${k('vaults.deleted')} shows them`, 'warning');
        return true;
      }
      const deleted = selectedDeletedVault(store, nav);
      if (!deleted) return true;
      const name = escapeControl(deleted.name);
      if (command === 'vault.recover') attempt(ctx, `recovering vault ${name}`, () => store.recoverVault(deleted));
      else if (readOnly || deleted.purgeProtection) attempt(ctx, `purging vault ${name}`, () => store.purgeVault(deleted));
      else ctx.openModal({ type: 'vault.purge', vault: deleted });
      return true;
    }
    default:
      return false;
  }
}

/** The delete dialog's yes. */
export function confirmVaultDelete(ctx: Pick<VaultCommandContext, 'store' | 'say' | 'keymap'>, url: string, name: string): void {
  attempt(ctx, `deleting vault ${escapeControl(name)}`, () => ctx.store.deleteVault(url));
}

export function confirmVaultPurge(ctx: Pick<VaultCommandContext, 'store' | 'say' | 'keymap'>, vault: Parameters<Store['purgeVault']>[0]): void {
  attempt(ctx, `purging vault ${escapeControl(vault.name)}`, () => ctx.store.purgeVault(vault));
}
