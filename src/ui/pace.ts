// Gathers a burst of calls into at most one call per `ms`: the first call of a quiet spell runs
// at once, later ones within `ms` of the last run become one trailing run. For notifications
// that background loading sends many times a second.

export interface Paced {
  (): void;
  /** Drops a pending trailing run. */
  cancel(): void;
}

export function pace(run: () => void, ms: number, now: () => number = () => performance.now()): Paced {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    run();
  };
  const paced = () => {
    if (timer) return;
    const wait = last + ms - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  paced.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return paced;
}
