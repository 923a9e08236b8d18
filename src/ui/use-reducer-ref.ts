import type { RefObject } from 'react';
import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state is also readable at once from a ref: when a chunk of keys is
 * handled key by key before React renders, each key must see what the previous one did.
 */
export function useReducerRef<S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, (action: A) => void, RefObject<S>] {
  const [state, setState] = useState(init);
  const ref = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      ref.current = reducer(ref.current, action);
      setState(ref.current);
    },
    [reducer],
  );
  return [state, dispatch, ref];
}
