// A form on screen: keys edit it, Enter (input.send) checks every field and sends, Esc (input.cancel) closes — after
// asking, when something was changed — and Ctrl-C closes it at once (not kvx). Problems
// and the service's rejection appear in the form and nothing typed is lost. It stays open
// until the operation it started is accepted (or done), so a 409 shows right here.
import { useEffect, useRef, useState } from 'react';
import { isActionRefused } from '../../store/operations-errors.js';
import { classifyError } from '../../store/classify-error.js';
import type { Operation, Store } from '../../store/types.js';
import { isKeyOf, keyName } from '../keymap.js';
import type { Theme } from '../theme.js';
import { useKeyInput } from '../use-key-input.js';
import { useReducerRef } from '../use-reducer-ref.js';
import { useStore } from '../use-store.js';
import { withAdvice } from '../advice.js';
import { useKeymap } from '../keymap-context.js';
import type { Built } from './form-checks.js';
import type { FieldNote, FieldSpec } from './form-model.js';
import { createForm, formKey, formReducer, isChanged } from './form-model.js';
import { dialogAnswer } from '../dialog-keys.js';
import { FormView } from './form-view.js';

export interface FormDialogProps<T> {
  title: string;
  fields: readonly FieldSpec[];
  initial: Record<string, string>;
  store: Store;
  build(values: Readonly<Record<string, string>>): Built<T>;
  /** Calls the store; returns the operation id, or nothing for actions that finish at once. */
  submit(input: T): string | Promise<string | void> | void;
  /** Closed: with the operation id when one was started. */
  onDone(result: { operationId?: string; cancelled?: boolean }): void;
  /** Opens $EDITOR for a field and resolves with the new text (undefined: unchanged). */
  editField?(id: string, current: string): Promise<string | undefined>;
  width: number;
  height: number;
  theme: Theme;
  active?: boolean;
  /** Told of the typed values as they change (e.g. to check a name with the service as you type). */
  onValues?(values: Readonly<Record<string, string>>): void;
  /** A line under a field from outside the form (e.g. "✓ available"), by field id. */
  notes?: Readonly<Record<string, FieldNote>>;
  /** When a still-running operation counts as accepted (the form closes and the panel follows it). */
  acceptedWhen?(operation: Operation): boolean;
}

export function FormDialog<T>({ title, fields, initial, store, build, submit, onDone, editField, width, height, theme, active = true, onValues, notes, acceptedWhen }: FormDialogProps<T>) {
  // formRef: keys of one chunk ("name\tvalue\r") each see what the previous one typed.
  const [form, dispatch, formRef] = useReducerRef(formReducer, () => createForm(fields, initial));
  useEffect(() => onValues?.(form.values), [form.values, onValues]);
  const [operationId, setOperationId] = useState<string | undefined>();
  const keymap = useKeymap();
  const operation = useStore(store, (s) => (operationId ? s.operations.find((o) => o.id === operationId) : undefined));

  useEffect(() => {
    if (!operation || !operationId) return;
    if (operation.state === 'failed') {
      setOperationId(undefined);
      dispatch({ type: 'sending', sending: false, error: operation.error ? withAdvice(operation.error, keymap) : 'failed' });
      return;
    }
    // Accepted: done, or a certificate the service is now issuing (the panel follows it).
    if (operation.state !== 'running' || (operation.cancellable && operation.detail === 'inProgress') || acceptedWhen?.(operation)) onDone({ operationId });
  }, [operation, operationId, onDone, acceptedWhen, keymap]);

  async function send(): Promise<void> {
    const built = build(formRef.current.values);
    if (!built.ok) {
      dispatch({ type: 'problems', problems: built.problems });
      return;
    }
    dispatch({ type: 'sending', sending: true });
    try {
      const id = await submit(built.input);
      if (typeof id === 'string') setOperationId(id);
      else onDone({});
    } catch (error) {
      // A refusal may come from the other bundle's copy of the class: read it by shape, and
      // whatever it is, say its cause (a file that exists, a PEM without a key), not "could not send".
      const field = (error as { field?: unknown } | null)?.field;
      const message = isActionRefused(error) ? error.message : classifyError(error).message;
      if (typeof field === 'string' && fields.some((f) => f.id === field)) {
        dispatch({ type: 'problems', problems: { [field]: message } });
      } else {
        dispatch({ type: 'sending', sending: false, error: message });
      }
    }
  }

  // A ref as well as state: the keys of one chunk ("\x1by") see the question being asked.
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const discardRef = useRef(false);
  const askDiscard = (asking: boolean) => {
    discardRef.current = asking;
    setConfirmDiscard(asking);
  };
  useKeyInput(
    (input, key) => {
      const name = keyName(input, key);
      const current = formRef.current;
      const field = current.fields[current.focus];
      // Ctrl-C closes the form, not kvx (a second one quits: app.tsx).
      if (name === 'ctrl+c') return onDone({ cancelled: true });
      if (discardRef.current) {
        const said = dialogAnswer(keymap, input, key);
        if (said === 'dialog.yes') onDone({ cancelled: true });
        else if (said === 'dialog.no') askDiscard(false);
        return;
      }
      if (isKeyOf(keymap, 'input.cancel', name)) {
        if (isChanged(current) && !current.sending) return askDiscard(true);
        return onDone({ cancelled: true });
      }
      if (current.sending) return;
      if (isKeyOf(keymap, 'input.send', name)) {
        void send();
        return;
      }
      if (isKeyOf(keymap, 'input.editor', name) && field.editor && editField) {
        void editField(field.id, current.values[field.id]).then((text) => {
          if (text !== undefined) dispatch({ type: 'set', id: field.id, value: text });
        });
        return;
      }
      const action = formKey(name, input, field);
      if (action) dispatch(action);
    },
    { isActive: active },
  );

  return <FormView title={title} form={form} confirmDiscard={confirmDiscard} width={width} height={height} theme={theme} notes={notes} />;
}
