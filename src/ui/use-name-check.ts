import { useEffect, useState } from 'react';
import type { Store } from '../store/types.js';
import type { FieldNote } from './forms/form-model.js';

/** How long typing must pause before the name is checked with the service. */
export const NAME_CHECK_DELAY_MS = 300;

/**
 * Checks a vault name with ARM (checkNameAvailability) as it is typed, once typing pauses:
 * the note says whether it is free, taken (and why), or not a vault name. Answers for a name
 * no longer in the field are dropped.
 */
export function useNameCheck(store: Store, name: string, subscriptionId: string | undefined): FieldNote | undefined {
  const [note, setNote] = useState<FieldNote | undefined>();
  useEffect(() => {
    const wanted = name.trim();
    if (wanted === '') {
      setNote(undefined);
      return;
    }
    let current = true;
    setNote({ text: 'checking…', tone: 'muted' });
    const timer = setTimeout(() => {
      void store.checkVaultName(wanted, subscriptionId).then((answer) => {
        if (!current) return;
        if (answer.available === true) setNote({ text: `✓ ${wanted} is available`, tone: 'ok' });
        else if (answer.available === false) setNote({ text: `✗ ${answer.message ?? 'not available'}`, tone: 'error' });
        else setNote({ text: answer.message ?? 'could not check the name', tone: 'muted' });
      });
    }, NAME_CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, name, subscriptionId]);
  return note;
}
