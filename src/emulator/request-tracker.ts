// Counts the vault requests the emulator has received and not yet answered, so a test can
// wait for "everything sent so far has been answered (and logged)" instead of sleeping
// before it checks that something was NOT sent.

export class RequestTracker {
  private count = 0;
  private waiters: (() => void)[] = [];

  get inFlight(): number {
    return this.count;
  }

  started(): void {
    this.count++;
  }

  finished(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /**
   * Resolves once no request is in flight, after giving sockets that already hold data one
   * turn of the event loop to be read (a request counts from the moment its headers are read).
   * Fails after `timeoutMs` naming how many requests are still open.
   */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.count === 0) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the emulator still has ${this.count} request(s) in flight after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
