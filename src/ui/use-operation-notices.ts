import { useEffect, useRef } from 'react';
import type { Operation, Store } from '../store/types.js';
import { operationNotice } from './operation-notice.js';
import type { Binding } from './keymap.js';

type Say = (text: string, tone: 'info' | 'warning' | 'error') => void;

/**
 * Says in the status line when an operation ends (succeeded, failed, cancelled), after the
 * fact. Not while a dialog is open: a form shows its own operation's outcome in place.
 */
export function useOperationNotices(store: Store, say: Say, keymap: readonly Binding[], dialogOpen: () => boolean): void {
  const seen = useRef(new Map<string, Operation['state']>());
  useEffect(() => {
    const check = () => {
      for (const op of store.getSnapshot().operations) {
        const before = seen.current.get(op.id);
        seen.current.set(op.id, op.state);
        if (before === 'running' && op.state !== 'running' && !dialogOpen()) {
          const notice = operationNotice(op, keymap);
          if (notice) say(notice.text, notice.tone);
        }
      }
    };
    check();
    return store.subscribe(check);
  }, [store, say, keymap, dialogOpen]);
}
