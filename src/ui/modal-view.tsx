import { Box } from 'ink';
import type { CollectionKind, Store } from '../store/types.js';
import { acceptedNotice, operationNotice } from './operation-notice.js';
import { ChangeForm } from './change-form.js';
import { answerDelete, confirmCancel, confirmPurge, confirmRotate, copySecretPart, describeItem, recoveryText } from './change-commands.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { CopyDialog } from './copy-dialog.js';
import type { Clipboard } from './use-clipboard.js';
import { ConfirmTypeName } from './confirm-type-name.js';
import { DeleteDialog } from './delete-dialog.js';
import { ErrorView } from './error-view.js';
import type { Modal } from './modal.js';
import type { Theme } from './theme.js';
import { detailsKey } from '../store/details-key.js';
import { useStore } from './use-store.js';
import { VaultModalView, isVaultModal } from './vault-modal-view.js';
import { currentVault } from './view-model.js';
import type { Binding } from './keymap.js';
import { QuitDialog } from './quit-dialog.js';

interface Props {
  modal: Modal;
  store: Store;
  keymap: readonly Binding[];
  /** Leaves kvx (the quit prompt's "quit anyway", or after waiting). */
  onQuit(): void;
  width: number;
  height: number;
  now: () => number;
  theme: Theme;
  close(next?: Modal): void;
  say(text: string, tone: 'info' | 'warning' | 'error'): void;
  /** $EDITOR for a form's multi-line field. */
  editValue(current: string): Promise<string | undefined>;
  clipboard: Clipboard;
  /** Puts the cursor on an item once it is in its list (one just created). */
  select?(vaultUrl: string, kind: CollectionKind, name: string): void;
}

/** The open dialog, in place of the panes; it owns the keys until it closes. */
export function ModalView({ modal, store, keymap, onQuit, width, height, now, theme, close, say, editValue, clipboard, select }: Props) {
  const keyDetails = useStore(store, (s) => (modal.type === 'form' && modal.item ? s.details[detailsKey(modal.item, modal.version)]?.item?.key : undefined));
  const dialogWidth = Math.min(width, 100);
  if (isVaultModal(modal)) {
    const arm = currentVault(store.getSnapshot(), {})?.arm;
    return (
      <VaultModalView
        modal={modal}
        store={store}
        width={width}
        height={height}
        theme={theme}
        close={() => close()}
        say={say}
        defaults={{ resourceGroup: arm?.resourceGroup, location: arm?.location }}
      />
    );
  }
  if (modal.type === 'form') {
    return (
      <Box height={height} width={width} flexDirection="column" overflow="hidden">
        <ChangeForm
          form={modal.form}
          store={store}
          vault={modal.vault}
          item={modal.item}
          version={modal.version}
          keyDetails={keyDetails}
          now={now}
          width={dialogWidth}
          height={height}
          theme={theme}
          editField={(_id, current) => editValue(current)}
          onMessage={(text) => say(text, 'info')}
          onDone={(result) => {
            close();
            const op = result.operationId ? store.getSnapshot().operations.find((o) => o.id === result.operationId) : undefined;
            if (!op) return;
            // The store puts a new item into its list at once (a certificate being issued as
            // pending); the cursor goes to it. (Vaults are created from the vaults pane's own form.)
            if ((op.kind === 'create' || op.kind === 'import') && op.collection !== 'vaults') select?.(op.vaultUrl, op.collection, op.target);
            // What happened, said once it has happened.
            const notice = op.state === 'running' ? { text: acceptedNotice(op, keymap), tone: 'info' as const } : operationNotice(op, keymap);
            if (notice) say(notice.text, notice.tone);
          }}
        />
      </Box>
    );
  }
  if (modal.type === 'copy') {
    return (
      <Box height={height} width={width} flexDirection="column" overflow="hidden">
        <CopyDialog
          what={describeItem(modal.item)}
          width={dialogWidth}
          theme={theme}
          onChoice={(part) => {
            close();
            if (part) void copySecretPart({ store, clipboard, say }, modal.item, modal.version, part);
          }}
        />
      </Box>
    );
  }
  if (modal.type === 'error') {
    return <ErrorView title={modal.title} error={modal.error} width={width} height={height} theme={theme} onClose={() => close()} />;
  }
  if (modal.type === 'quit') {
    return (
      <Box height={height} width={width} flexDirection="column" overflow="hidden">
        <QuitDialog store={store} keymap={keymap} width={dialogWidth} theme={theme} onQuit={onQuit} onStay={() => close()} />
      </Box>
    );
  }
  const ctx = { store, say, keymap, openModal: (next: Modal) => close(next) };
  let dialog;
  if (modal.type === 'delete') {
    dialog = (
      <DeleteDialog
        what={describeItem(modal.item)}
        recovery={recoveryText(modal.item, keymap)}
        width={dialogWidth}
        theme={theme}
        onAnswer={(answer) => {
          close();
          answerDelete(ctx, modal.item, answer);
        }}
      />
    );
  } else if (modal.type === 'purge') {
    dialog = (
      <ConfirmTypeName
        action={`${modal.chained ? 'delete and purge' : 'purge'} ${describeItem(modal.item)}`}
        name={modal.item.name}
        width={dialogWidth}
        theme={theme}
        onConfirm={() => {
          close();
          confirmPurge(ctx, modal.item, modal.chained);
        }}
        onCancel={() => close()}
      />
    );
  } else if (modal.type === 'rotate') {
    const item = modal.item;
    dialog = (
      <ConfirmDialog
        title={`Rotate ${describeItem(item)}?`}
        lines={['A new version of the key is made and becomes the current one; whatever uses the latest version picks it up. The old versions stay.']}
        width={dialogWidth}
        theme={theme}
        onAnswer={(yes) => {
          close();
          if (yes) confirmRotate(ctx, item);
        }}
      />
    );
  } else if (modal.type === 'cancelOperation') {
    const { operationId, what } = modal;
    dialog = (
      <ConfirmDialog
        title={`Cancel ${what}?`}
        lines={['The service stops issuing the certificate; its pending request ends as cancelled.']}
        width={dialogWidth}
        theme={theme}
        onAnswer={(yes) => {
          close();
          if (yes) confirmCancel(ctx, operationId, what);
        }}
      />
    );
  }
  return (
    <Box height={height} width={width} flexDirection="column" overflow="hidden">
      {dialog}
    </Box>
  );
}
