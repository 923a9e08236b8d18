/**
 * The deleted side of one collection in one vault: soft-deleted objects by lower-cased name,
 * kept sorted so a /deleted* page is a walk from the skip token; names whose purge is still
 * running; purges a closed gate holds (gates.ts).
 *
 * State changes are computed lazily by sweep() from the vault's clock and the gates (a purge
 * frees the name after `purgeDelayMs`, deleted objects are purged at their scheduled purge
 * date, a held purge finishes once its gate is released), so no timers need cleaning up.
 */
import type { GateCheck } from './gates.js';
import { SortedMap } from './sorted-index.js';
import type { StoreSettings } from './store-settings.js';
import type { DeletedObject } from './stored-object.js';

export class DeletedObjects<P, M> {
  private readonly entries = new SortedMap<DeletedObject<P, M>>();
  /** Names whose purge is still running → epoch ms when it completes. */
  private readonly purging = new Map<string, number>();
  /** Epoch ms of the earliest purge (finished or scheduled) still to apply; sweeps before it do nothing. */
  private nextDueMs = Infinity;
  /** Deleted objects whose purge a gate holds; they go once it is released. */
  private readonly heldPurges = new Set<string>();

  constructor(
    private readonly settings: () => StoreSettings,
    private readonly clock: () => number,
    private readonly gates?: GateCheck,
  ) {}

  /** Applies the state changes that time and released gates have made due: finished purges, scheduled purges. */
  sweep(): void {
    const now = this.clock();
    // Purges a gate held finish on release, not on the clock: checked apart (usually none).
    for (const key of this.heldPurges) {
      const entry = this.entries.get(key);
      if (!entry?.purge) {
        this.heldPurges.delete(key);
      } else if (this.passed(entry.purge.heldBy)) {
        this.heldPurges.delete(key);
        this.entries.delete(key);
        this.startPurging(key, entry.purge.startedAt);
      }
    }
    // Every call sweeps: only walk the maps when something is due, so a call stays O(1).
    if (now < this.nextDueMs) return;
    let next = Infinity;
    for (const [key, doneAt] of this.purging) {
      if (doneAt <= now) this.purging.delete(key);
      else next = Math.min(next, doneAt);
    }
    for (const [key, entry] of [...this.entries.entries()]) {
      if (entry.purge) continue; // a held purge ends on release (above)
      if (entry.scheduledPurgeDate * 1000 <= now) this.entries.delete(key);
      else next = Math.min(next, entry.scheduledPurgeDate * 1000);
    }
    this.nextDueMs = next;
  }

  get(key: string): DeletedObject<P, M> | undefined {
    return this.entries.get(key);
  }

  /** Files a deleted object; it is purged at its scheduled purge date. */
  add(key: string, entry: DeletedObject<P, M>): void {
    this.entries.set(key, entry);
    this.due(entry.scheduledPurgeDate * 1000);
  }

  /** Takes an object out of the deleted state (it was recovered). */
  remove(key: string): void {
    this.entries.delete(key);
  }

  /** True while a purge of this name runs: the name stays taken. */
  isPurging(key: string): boolean {
    return this.purging.has(key);
  }

  /** True while the delete has not finished: its delay has not passed or a gate holds it. */
  beingDeleted(entry: DeletedObject<P, M>): boolean {
    return entry.visibleAt > this.clock() || !this.passed(entry.heldBy);
  }

  /** Purges a deleted object now, or holds the purge while the gates in `heldBy` are closed. */
  purge(key: string, entry: DeletedObject<P, M>, heldBy: number[]): void {
    if (heldBy.length > 0) {
      entry.purge = { startedAt: this.clock(), heldBy };
      this.heldPurges.add(key);
      return;
    }
    this.entries.delete(key);
    this.startPurging(key, this.clock());
  }

  /** Walks the deleted objects whose delete has finished, by lower-cased name after `after`. */
  forEachFinishedAfter(after: string | null, visit: (entry: DeletedObject<P, M>) => boolean): void {
    // Still being deleted: not listed yet, walk on.
    this.entries.forEachAfter(after, (entry) => (this.beingDeleted(entry) ? true : visit(entry)));
  }

  private due(atMs: number): void {
    this.nextDueMs = Math.min(this.nextDueMs, atMs);
  }

  private passed(heldBy: readonly number[] | undefined): boolean {
    return this.gates?.passed(heldBy) ?? true;
  }

  /** The name stays taken for `purgeDelayMs` from the purge request. */
  private startPurging(key: string, startedAt: number): void {
    const delay = Math.max(0, this.settings().purgeDelayMs);
    if (delay > 0) {
      this.purging.set(key, startedAt + delay);
      this.due(startedAt + delay);
    }
  }
}
