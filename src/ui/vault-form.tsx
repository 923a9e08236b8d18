// The new-vault dialog: the form, with the name checked against ARM as it is typed.
import { useCallback, useState } from 'react';
import type { Operation, Store, VaultCreateInput } from '../store/types.js';
import { FormDialog } from './forms/form-dialog.js';
import { buildVault, subscriptionOption, vaultFields, vaultValues } from './forms/vault-form.js';
import type { Theme } from './theme.js';
import { useNameCheck } from './use-name-check.js';
import { useStore } from './use-store.js';

/** ARM took the create (it answered the PUT): provisioning goes on in the operations panel. */
const accepted = (op: Operation) => op.detail !== 'checking the name' && op.detail !== 'submitting';

interface Props {
  store: Store;
  defaults: { resourceGroup?: string; location?: string };
  width: number;
  height: number;
  theme: Theme;
  onDone(result: { operationId?: string; cancelled?: boolean }): void;
}

export function VaultForm({ store, defaults, width, height, theme, onDone }: Props) {
  const subscriptions = useStore(store, (s) => s.discovery.subscriptions);
  const [typed, setTyped] = useState<{ name: string; subscription?: string }>({ name: '' });
  const onValues = useCallback((values: Readonly<Record<string, string>>) => setTyped({ name: values.name ?? '', subscription: values.subscription }), []);
  const subscriptionId = subscriptions.find((s) => subscriptionOption(s) === typed.subscription)?.id;
  const note = useNameCheck(store, typed.name, subscriptionId);
  return (
    <FormDialog<VaultCreateInput>
      store={store}
      title="New vault"
      fields={vaultFields(subscriptions)}
      initial={vaultValues(defaults)}
      build={(values) => buildVault(values, subscriptions)}
      submit={(input) => store.createVault(input)}
      onDone={onDone}
      onValues={onValues}
      notes={note ? { name: note } : undefined}
      acceptedWhen={accepted}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
