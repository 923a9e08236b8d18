// A revealed secret value lives in the snapshot until its deadline, until hide() (the user
// pressed v again or left the item), or until another secret is revealed. Only one value is
// ever held. A reveal still in flight when hide() is called never shows up.
import type { ClassifiedError, ItemSummary, StoreSnapshot } from './types.js';

export interface RevealerOptions {
  now: () => number;
  hideAfterMs: number;
  fetchValue(item: ItemSummary, version: string | undefined): Promise<{ value: string; version?: string }>;
  classify(error: unknown): ClassifiedError;
  getSnapshot(): StoreSnapshot;
  set(next: StoreSnapshot): void;
}

export interface Revealer {
  reveal(item: ItemSummary, options?: { version?: string; hideAfterMs?: number }): Promise<void>;
  hide(): void;
  dispose(): void;
}

export function createRevealer(options: RevealerOptions): Revealer {
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function clear(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const s = options.getSnapshot();
    if (s.revealed || s.revealError || s.revealing) {
      const { revealed: _value, revealError: _error, revealing: _inFlight, ...rest } = s;
      options.set(rest);
    }
  }

  return {
    async reveal(item, revealOptions = {}) {
      const mine = ++sequence;
      clear();
      if (item.kind !== 'secrets') {
        options.set({ ...options.getSnapshot(), revealError: { itemId: item.id, error: { class: 'invalid', message: `only secrets have a value to reveal, not ${item.kind}` } } });
        return;
      }
      const hideAfterMs = revealOptions.hideAfterMs ?? options.hideAfterMs;
      options.set({ ...options.getSnapshot(), revealing: { itemId: item.id, ...(revealOptions.version ? { version: revealOptions.version } : {}) } });
      /** The snapshot without the in-flight marker. */
      const settled = () => {
        const { revealing: _inFlight, ...rest } = options.getSnapshot();
        return rest;
      };
      try {
        const { value, version } = await options.fetchValue(item, revealOptions.version);
        if (mine !== sequence) return;
        options.set({
          ...settled(),
          revealed: { itemId: item.id, ...(version ? { version } : {}), value, hideAt: options.now() + hideAfterMs },
        });
        timer = setTimeout(() => {
          if (mine === sequence) clear();
        }, hideAfterMs);
        timer.unref?.();
      } catch (error) {
        if (mine !== sequence) return;
        // classify() builds the message from the service's error text, which never holds the value.
        options.set({ ...settled(), revealError: { itemId: item.id, error: options.classify(error) } });
      }
    },
    hide() {
      sequence++;
      clear();
    },
    dispose() {
      sequence++;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
