import { useEffect } from 'react';
import type { CollectionKind, ItemSummary, Store } from '../store/types.js';

/** Long enough that holding j (or PgDn) through a list asks only about where it stops. */
export const ENRICH_DELAY_MS = 120;

/** The rows in view whose key type or issuer is not known yet (secrets have nothing to look up). */
export function unenriched(kind: CollectionKind, items: readonly ItemSummary[]): string[] {
  if (kind === 'secrets') return [];
  const field = kind === 'keys' ? 'keyType' : 'issuer';
  return items.filter((item) => item[field] === undefined).map((item) => item.id);
}

/**
 * Asks the store to look up key types / issuers for the rows in view, once the window has
 * stayed put for `delayMs`; a window that moves on before then asks nothing. Rows the store
 * already answered (or could not) are not asked about again: it caches per item version.
 */
export function useVisibleEnrichment(
  store: Store | undefined,
  vault: string | undefined,
  kind: CollectionKind,
  deleted: boolean,
  visible: readonly ItemSummary[],
  delayMs = ENRICH_DELAY_MS,
): void {
  const ids = unenriched(kind, visible);
  // A string key: a new array of the same ids (every render) must not restart the timer.
  const key = ids.join('\n');
  useEffect(() => {
    if (!store || !vault || key === '') return;
    const timer = setTimeout(() => store.enrichItems(vault, kind, key.split('\n'), { deleted }), delayMs);
    return () => clearTimeout(timer);
  }, [store, vault, kind, deleted, key, delayMs]);
}
