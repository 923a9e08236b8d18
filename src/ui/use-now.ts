import { useEffect, useState } from 'react';

/** The current time from `clock`, refreshed every `intervalMs` while `ticking` (e.g. a reveal countdown). */
export function useNow(clock: () => number, ticking: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    setNow(clock());
    if (!ticking) return;
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [clock, ticking, intervalMs]);
  return ticking ? now : clock();
}
