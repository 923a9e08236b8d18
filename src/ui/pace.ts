// Gathers a burst of calls into at most one call per `ms`: the first call of a quiet spell runs
// at once, later ones within `ms` of the last run become one trailing run. For notifications
// that background loading sends many times a second. `touch()` says the result was just shown
// some other way (a key redrew the screen with the newest data): the next run waits `ms` again.

export interface Paced {
  (): void;
  /** Drops a pending trailing run. */
  cancel(): void;
  /** The caller's state was just brought up to date by other means: a pending run waits `ms` from now. */
  touch(): void;
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
  paced.touch = () => {
    last = now();
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  return paced;
}
