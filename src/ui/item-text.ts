// Display text of list cells, escaped once per name and cached: the fuzzy filter matches
// against what is shown, so highlighted indices line up with the screen.
import type { ItemSummary } from '../store/types.js';
import type { ColumnId } from './columns.js';
import { relativeTime } from './relative-time.js';
import { escapeControl } from '../text/escape-control.js';

const names = new Map<string, string>();

export function displayName(item: ItemSummary): string {
  let shown = names.get(item.name);
  if (shown === undefined) {
    shown = escapeControl(item.name);
    if (names.size > 50_000) names.clear();
    names.set(item.name, shown);
  }
  return shown;
}

/** Text of a non-name cell. */
export function cellText(item: ItemSummary, column: ColumnId, now: number): string {
  switch (column) {
    case 'name':
      return displayName(item);
    case 'type':
      // Key types and issuers are looked up for the rows in view: "—" until known (or when refused).
      if (item.kind === 'secrets') return escapeControl(item.contentType ?? '');
      return escapeControl((item.kind === 'keys' ? item.keyType : item.issuer) ?? '—');
    case 'enabled':
      return item.enabled === false ? '✗' : '✓';
    case 'updated':
      return relativeTime(item.updatedOn, now);
    case 'expires':
      // A certificate not issued has no expiry: say where its issuance stands instead.
      if (item.kind === 'certificates' && item.issuance && item.issuance !== 'issued' && !item.deletedOn) return item.issuance;
      return relativeTime(item.expiresOn, now) || '—';
    case 'deleted':
      return relativeTime(item.deletedOn, now);
    case 'purge':
      return relativeTime(item.scheduledPurgeDate, now);
  }
}

/** Whether `text` could be a Key Vault object name (1–127 letters, digits and "-"), so worth a direct lookup. */
export function isItemName(text: string): boolean {
  return /^[0-9a-zA-Z-]{1,127}$/.test(text);
}
