// Which vaults the user pinned and which they opened lately, by URL (most recent first), so
// the next start lists them without discovery. The store keeps the lists; whoever created it
// persists them (the runtime writes them to the config file).

export interface VaultMemoryLists {
  pinned: readonly string[];
  recent: readonly string[];
}

export const RECENT_LIMIT = 10;

const same = (a: string, b: string) => a.toLowerCase().replace(/\/+$/, '') === b.toLowerCase().replace(/\/+$/, '');

export class VaultMemory {
  private lists: VaultMemoryLists;

  constructor(
    initial: Partial<VaultMemoryLists>,
    private readonly persist?: (lists: VaultMemoryLists) => void,
  ) {
    this.lists = { pinned: [...(initial.pinned ?? [])], recent: [...(initial.recent ?? [])].slice(0, RECENT_LIMIT) };
  }

  get current(): VaultMemoryLists {
    return this.lists;
  }

  isPinned(url: string): boolean {
    return this.lists.pinned.some((p) => same(p, url));
  }

  /** Pins or unpins; returns whether it is pinned now. */
  togglePin(url: string): boolean {
    const pinned = this.isPinned(url);
    this.update({ ...this.lists, pinned: pinned ? this.lists.pinned.filter((p) => !same(p, url)) : [...this.lists.pinned, url] });
    return !pinned;
  }

  /** The user opened this vault: it moves to the front of the recent list. */
  opened(url: string): void {
    if (this.lists.recent.length > 0 && same(this.lists.recent[0], url)) return;
    this.update({ ...this.lists, recent: [url, ...this.lists.recent.filter((r) => !same(r, url))].slice(0, RECENT_LIMIT) });
  }

  private update(next: VaultMemoryLists): void {
    this.lists = next;
    this.persist?.(next);
  }
}
