import { Box } from 'ink';
import type { Store } from '../store/types.js';
import { ChangeForm } from './change-form.js';
import { answerDelete, confirmCancel, confirmPurge, confirmRotate, describeItem, recoveryText } from './change-commands.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ConfirmTypeName } from './confirm-type-name.js';
import { DeleteDialog } from './delete-dialog.js';
import type { Modal } from './modal.js';
import type { Theme } from './theme.js';
import { detailsKey } from '../store/details-key.js';
import { useStore } from './use-store.js';
import type { Binding } from './keymap.js';
import { keyFor } from './keymap.js';
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
}

/** The open dialog, in place of the panes; it owns the keys until it closes. */
export function ModalView({ modal, store, keymap, onQuit, width, height, now, theme, close, say, editValue }: Props) {
  const keyDetails = useStore(store, (s) => (modal.type === 'form' && modal.item ? s.details[detailsKey(modal.item, modal.version)]?.item?.key : undefined));
  const dialogWidth = Math.min(width, 100);
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
            if (result.operationId) say(`${modal.form.replace('.', ' ')} started — ${keyFor(keymap, 'operations.focus')} shows the operations panel`, 'info');
          }}
        />
      </Box>
    );
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
  } else {
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
