import type { ItemSummary } from './types.js';

// A leaf module so the UI can name details entries without pulling the store's loaders (and
// the Azure SDK behind them) into the first-frame bundle.

/** The key of a details entry: the versionless item id, or `id/version` for one version. */
export function detailsKey(item: Pick<ItemSummary, 'id'>, version?: string): string {
  return version ? `${item.id}/${version}` : item.id;
}
