import { memo, useMemo } from 'react';
import type { Store } from '../store/types.js';
import { OperationsPanel } from './operations-panel.js';
import { clampCursor } from './navigation.js';
import type { Theme } from './theme.js';
import { useNow } from './use-now.js';
import { useStore } from './use-store.js';
import { rendered } from './render-probe.js';

/** Rows the operations panel takes at the bottom: none until there is an operation (or it has focus). */
export function dockHeight(count: number, focused: boolean, rows: number): number {
  if (count === 0 && !focused) return 0;
  const lines = rows >= 34 ? (focused ? 8 : 5) : rows >= 20 ? (focused ? 3 : 2) : 1;
  return Math.min(Math.max(1, count), lines) + 3;
}

interface Props {
  store: Store;
  selected: number;
  focused: boolean;
  width: number;
  height: number;
  clock: () => number;
  theme: Theme;
}

/** The operations panel fed from the store; it ticks (spinner, elapsed) only while something runs. */
export const OperationsDock = memo(function OperationsDock({ store, selected, focused, width, height, clock, theme }: Props) {
  rendered('OperationsDock');
  const operations = useStore(store, (s) => s.operations);
  const running = useMemo(() => operations.some((o) => o.state === 'running'), [operations]);
  const now = useNow(clock, running, 200);
  return (
    <OperationsPanel
      operations={operations}
      // Unfocused, the newest operations stay in view.
      selected={focused ? clampCursor(selected, operations.length) : operations.length - 1}
      focused={focused}
      width={width}
      height={height}
      now={now}
      theme={theme}
    />
  );
});
