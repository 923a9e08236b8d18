// The vault dialogs: the new-vault form, delete (asks; the vault is soft-deleted and can be
// recovered from the deleted-vaults view) and purge of a deleted vault (type its name).
import { Box } from 'ink';
import type { Store } from '../store/types.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ConfirmTypeName } from './confirm-type-name.js';
import type { Modal } from './modal.js';
import type { Theme } from './theme.js';
import { confirmVaultDelete, confirmVaultPurge } from './vault-commands.js';
import { VaultForm } from './vault-form.js';
import { AccessPoliciesView } from './access-policies-view.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

export type VaultModal = Extract<Modal, { type: 'vault.new' | 'vault.delete' | 'vault.purge' | 'vault.policies' }>;

export function isVaultModal(modal: Modal): modal is VaultModal {
  return modal.type === 'vault.new' || modal.type === 'vault.delete' || modal.type === 'vault.purge' || modal.type === 'vault.policies';
}

interface Props {
  modal: VaultModal;
  store: Store;
  width: number;
  height: number;
  theme: Theme;
  close(): void;
  say(text: string, tone: 'info' | 'warning' | 'error'): void;
  /** Where a new vault goes by default: the current vault's group and location. */
  defaults: { resourceGroup?: string; location?: string };
}

export function VaultModalView({ modal, store, width, height, theme, close, say, defaults }: Props) {
  const dialogWidth = Math.min(width, 100);
  const keymap = useKeymap();
  const ctx = { store, say, keymap };
  return (
    <Box height={height} width={width} flexDirection="column" overflow="hidden">
      {modal.type === 'vault.policies' ? (
        <AccessPoliciesView store={store} vaultUrl={modal.vaultUrl} width={width} height={height} theme={theme} close={close} say={say} />
      ) : modal.type === 'vault.new' ? (
        <VaultForm
          store={store}
          defaults={defaults}
          width={dialogWidth}
          height={height}
          theme={theme}
          onDone={(result) => {
            close();
            if (result.operationId) say(`creating the vault — ${keyFor(keymap, 'operations.focus')} shows the operations panel`, 'info');
          }}
        />
      ) : modal.type === 'vault.delete' ? (
        <ConfirmDialog
          title={`Delete vault ${modal.vault.name}?`}
          lines={[
            `Its keys, secrets and certificates go with it. The vault is kept as deleted for ${modal.vault.arm?.softDeleteRetentionInDays ?? 90} days: ${keyFor(keymap, 'vaults.deleted')} in the vaults pane shows it, ${keyFor(keymap, 'vault.recover')} recovers it.`,
          ]}
          width={dialogWidth}
          theme={theme}
          onAnswer={(yes) => {
            close();
            if (yes) confirmVaultDelete(ctx, modal.vault.url, modal.vault.name);
          }}
        />
      ) : (
        <ConfirmTypeName
          action={`purge vault ${modal.vault.name}`}
          name={modal.vault.name}
          width={dialogWidth}
          theme={theme}
          onConfirm={() => {
            close();
            confirmVaultPurge(ctx, modal.vault);
          }}
          onCancel={() => close()}
        />
      )}
    </Box>
  );
}
