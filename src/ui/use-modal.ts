import type { RefObject } from 'react';
import { useCallback, useContext, useLayoutEffect, useRef, useState } from 'react';
import { KeyRouting } from './key-router.js';
import type { Modal } from './modal.js';

/**
 * The open dialog, plus a ref that changes at once: a key arriving in the same burst as the
 * one that opened the dialog must already see it open (and not reach the list). Opening one
 * holds the rest of the burst in the key router until the dialog is mounted ("dy" answers the
 * delete dialog): children's layout effects, where the dialog registers its handler, run
 * before this one.
 */
export function useModal(): [Modal | undefined, (next?: Modal) => void, RefObject<Modal | undefined>] {
  const router = useContext(KeyRouting);
  const [modal, setModal] = useState<Modal | undefined>();
  const ref = useRef<Modal | undefined>(undefined);
  const set = useCallback(
    (next?: Modal) => {
      if (next && next !== ref.current) router?.hold();
      ref.current = next;
      setModal(next);
    },
    [router],
  );
  useLayoutEffect(() => router?.release(), [router, modal]);
  return [modal, set, ref];
}
