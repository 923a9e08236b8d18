import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs`; until then the value it last settled on.
 * Holding j through a list changes the value every key, so only where it stops settles.
 */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
