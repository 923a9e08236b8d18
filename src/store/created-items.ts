// Items kvx made (from a create's or an import's answer) and put into their list at once,
// before a page listed them: in a 10,000-item list still paging, the page holding a new name
// may be minutes away. Until a page lists such an item it is kept here, per list, so that
//  - a page that lists it is not added a second time (the row already shows it);
//  - a load that starts over (a refresh) keeps it shown instead of dropping it with the rest;
//  - a load that began after the item was made and ends without listing it tells the item is
//    gone (deleted meanwhile): its row goes too.
import type { ItemSummary } from './types.js';

interface Entry {
  item: ItemSummary;
  /** When it was made, on this tracker's clock (compared with when loads started). */
  at: number;
}

const idOf = (item: Pick<ItemSummary, 'id'>) => item.id.toLowerCase();

/**
 * `items` with `item` in its place: over the row with the same id, else before the first name
 * that sorts after it (the service lists names in order), else at the end. New array.
 */
export function placeItem(items: readonly ItemSummary[], item: ItemSummary): ItemSummary[] {
  const id = idOf(item);
  const same = items.findIndex((i) => idOf(i) === id);
  if (same >= 0) {
    const out = items.slice();
    out[same] = item;
    return out;
  }
  const name = item.name.toLowerCase();
  const after = items.findIndex((i) => i.name.toLowerCase() > name);
  const at = after < 0 ? items.length : after;
  return [...items.slice(0, at), item, ...items.slice(at)];
}

export class CreatedItems {
  private readonly lists = new Map<string, Map<string, Entry>>();
  private clock = 0;

  /** Now, on this tracker's clock: a load notes it when it starts. */
  tick(): number {
    return ++this.clock;
  }

  /** `item` was just made in the list `list` (its answer is in hand). */
  add(list: string, item: ItemSummary): void {
    let entries = this.lists.get(list);
    if (!entries) this.lists.set(list, (entries = new Map()));
    entries.set(idOf(item), { item, at: this.tick() });
  }

  /** `id` was deleted: it is no longer kept in its list. */
  forget(list: string, id: string): void {
    const entries = this.lists.get(list);
    if (entries?.delete(id.toLowerCase()) && entries.size === 0) this.lists.delete(list);
  }

  /** The entries a page lists are settled: the pages tell from now on. Returns the ids it listed. */
  private listedBy(list: string, page: readonly ItemSummary[]): Set<string> | undefined {
    const entries = this.lists.get(list);
    if (!entries) return undefined;
    const listed = new Set<string>();
    for (const item of page) {
      const id = idOf(item);
      if (entries.delete(id)) listed.add(id);
    }
    if (entries.size === 0) this.lists.delete(list);
    return listed;
  }

  /** A load's first page replaces the list: the made items it does not list stay, in place. */
  firstPage(list: string, page: readonly ItemSummary[]): readonly ItemSummary[] {
    if (!this.lists.has(list)) return page;
    this.listedBy(list, page);
    let items = page;
    for (const entry of this.lists.get(list)?.values() ?? []) items = placeItem(items, entry.item);
    return items;
  }

  /**
   * `current` with a page appended. A made item the page lists is not added twice: its row
   * takes the page's copy (as new as the answer, or newer: an edit since), where it stands.
   */
  nextPage(list: string, current: readonly ItemSummary[], page: readonly ItemSummary[]): readonly ItemSummary[] {
    if (!this.lists.has(list)) return current.concat(page);
    const listed = this.listedBy(list, page);
    if (!listed || listed.size === 0) return current.concat(page);
    const copies = new Map(page.filter((item) => listed.has(idOf(item))).map((item) => [idOf(item), item]));
    const rows = current.map((item) => copies.get(idOf(item)) ?? item);
    return rows.concat(page.filter((item) => !listed.has(idOf(item)) || !current.some((row) => idOf(row) === idOf(item))));
  }

  /** A page merged into a list that already dedupes it: only settles the made items it lists. */
  seen(list: string, page: readonly ItemSummary[]): void {
    this.listedBy(list, page);
  }

  /**
   * A load that started at `startedAt` listed the whole list. Items made before it started and
   * still not listed are gone, and leave `items`; the others stay as ordinary rows.
   */
  complete(list: string, startedAt: number, items: readonly ItemSummary[]): readonly ItemSummary[] {
    const entries = this.lists.get(list);
    if (!entries) return items;
    this.lists.delete(list);
    const gone = new Set([...entries].filter(([, e]) => e.at < startedAt).map(([id]) => id));
    return gone.size > 0 ? items.filter((item) => !gone.has(idOf(item))) : items;
  }
}
