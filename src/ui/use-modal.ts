import type { RefObject } from 'react';
import { useCallback, useRef, useState } from 'react';
import type { Modal } from './modal.js';

/**
 * The open dialog, plus a ref that changes at once: a key arriving in the same burst as the
 * one that opened the dialog must already see it open (and not reach the list).
 */
export function useModal(): [Modal | undefined, (next?: Modal) => void, RefObject<Modal | undefined>] {
  const [modal, setModal] = useState<Modal | undefined>();
  const ref = useRef<Modal | undefined>(undefined);
  const set = useCallback((next?: Modal) => {
    ref.current = next;
    setModal(next);
  }, []);
  return [modal, set, ref];
}
