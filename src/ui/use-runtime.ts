import { useEffect, useState } from 'react';
import type { Store, VaultInfo } from '../store/types.js';

export interface Runtime {
  store: Store;
  vaults: VaultInfo[];
  dispose(): Promise<void>;
}

export type RuntimeState =
  | { status: 'connecting' }
  | { status: 'ready'; runtime: Runtime }
  | { status: 'failed'; message: string };

/**
 * Starts the runtime after the first frame and disposes of it when the app unmounts.
 * `start` runs as soon as the runtime is there, before React renders anything on it: work
 * begun there (the first list's requests) overlaps that rendering instead of waiting for it.
 */
export function useRuntime(load: (() => Promise<Runtime>) | undefined, start?: (runtime: Runtime) => void): RuntimeState {
  const [state, setState] = useState<RuntimeState>({ status: 'connecting' });
  useEffect(() => {
    if (!load) return;
    let runtime: Runtime | undefined;
    let gone = false;
    load().then(
      (r) => {
        runtime = r;
        if (gone) return void r.dispose();
        try {
          start?.(r);
        } catch {
          // Starting early only saves time: the explorer does the same itself and shows what fails.
        }
        setState({ status: 'ready', runtime: r });
      },
      (error: unknown) => {
        // Only the message: no stack trace reaches the screen.
        if (!gone) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      gone = true;
      if (runtime) void runtime.dispose();
    };
  }, [load, start]);
  return state;
}
