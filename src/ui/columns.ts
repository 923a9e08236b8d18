// Which columns an item list shows at a given width: the name always, then expiry, enabled,
// type and updated as room allows (wider terminals show more). The name takes what is left.
import type { CollectionKind } from '../store/types.js';

export type ColumnId = 'name' | 'type' | 'enabled' | 'updated' | 'expires' | 'deleted' | 'purge';

export interface Column {
  id: ColumnId;
  title: string;
  width: number;
}

const NAME_MIN = 16;
const GAP = 1;

function typeTitle(kind: CollectionKind): string {
  if (kind === 'keys') return 'KEY TYPE';
  if (kind === 'certificates') return 'ISSUER';
  return 'CONTENT TYPE';
}

/** Extra columns in the order they are given room, with their widths. */
function candidates(kind: CollectionKind, deleted: boolean, width: number): Column[] {
  // Keys: "RSA-HSM 4096", "EC-HSM P-256K".
  const typeWidth = kind === 'keys' ? 13 : Math.min(26, Math.max(12, Math.floor(width * 0.22)));
  if (deleted) {
    return [
      { id: 'deleted', title: 'DELETED', width: 8 },
      { id: 'purge', title: 'PURGE', width: 8 },
      { id: 'type', title: typeTitle(kind), width: typeWidth },
      { id: 'expires', title: 'EXPIRES', width: 8 },
    ];
  }
  return [
    { id: 'expires', title: 'EXPIRES', width: 8 },
    { id: 'enabled', title: 'ON', width: 2 },
    { id: 'type', title: typeTitle(kind), width: typeWidth },
    { id: 'updated', title: 'UPDATED', width: 8 },
  ];
}

const ORDER: readonly ColumnId[] = ['name', 'type', 'enabled', 'updated', 'expires', 'deleted', 'purge'];

/** Columns for a list `width` cells wide, in display order; widths plus gaps sum to at most `width`. */
export function layoutColumns(kind: CollectionKind, deleted: boolean, width: number): Column[] {
  const chosen: Column[] = [];
  let used = NAME_MIN;
  for (const c of candidates(kind, deleted, width)) {
    if (used + GAP + c.width > width) continue;
    chosen.push(c);
    used += GAP + c.width;
  }
  const rest = chosen.reduce((sum, c) => sum + c.width + GAP, 0);
  const name: Column = { id: 'name', title: 'NAME', width: Math.max(1, width - rest) };
  return [name, ...chosen].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}

export const COLUMN_GAP = GAP;
