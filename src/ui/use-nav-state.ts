import type { Dispatch, RefObject } from 'react';
import { useCallback, useRef, useState } from 'react';
import type { NavAction, NavState } from './navigation.js';
import { initialNav, navReducer } from './navigation.js';

/**
 * The navigation reducer with a ref that is current as soon as an action is dispatched, so
 * keys that arrive in one burst (a paste, tmux send-keys) each see the state the previous
 * key left, not the last rendered one.
 */
export function useNavState(initial: Partial<NavState> = {}): [NavState, Dispatch<NavAction>, RefObject<NavState>] {
  const ref = useRef<NavState>({ ...initialNav, ...initial });
  const [state, setState] = useState(ref.current);
  const dispatch = useCallback((action: NavAction) => {
    ref.current = navReducer(ref.current, action);
    setState(ref.current);
  }, []);
  return [state, dispatch, ref];
}
