import { memo } from 'react';
import { Box, Text } from 'ink';
import type { CollectionKind, CollectionState, ItemSummary, Store } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import type { SortKey } from './sort.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { PaneFrame } from './pane-frame.js';
import { CollectionTabs } from './collection-tabs.js';
import { ErrorBanner } from './error-banner.js';
import { ItemList } from './item-list.js';
import { ListFooter } from './list-footer.js';
import { describeError } from './describe-error.js';

interface Props {
  kind: CollectionKind;
  deleted: boolean;
  collection: CollectionState | undefined;
  rows: readonly Filtered<ItemSummary>[];
  cursor: number;
  filter: string;
  filterEditing: boolean;
  sort: SortKey;
  focused: boolean;
  width: number;
  height: number;
  now: number;
  theme: Theme;
  /** The store and vault (URL) to ask for key types / issuers of the rows in view. */
  store?: Store;
  vault?: string;
  /** Said instead of "loading …" while the list waits on something else, e.g. a sign-in. */
  waiting?: string;
}

function emptyText(kind: CollectionKind, deleted: boolean, collection: CollectionState | undefined, filter: string, waiting?: string): string {
  if (!collection || collection.status === 'idle' || (collection.status === 'loading' && collection.items.length === 0)) return waiting ?? `loading ${kind}…`;
  if (collection.status === 'error') return '';
  if (filter) return `nothing matches /${filter} (Esc clears)`;
  return deleted ? `no deleted ${kind}` : `no ${kind} in this vault`;
}

/** Tabs for the three collections, the list (or what went wrong with it) and its footer. */
export const ItemsPane = memo(function ItemsPane(props: Props) {
  const { kind, deleted, collection, rows, cursor, filter, filterEditing, sort, focused, width, height, now, theme, store, vault, waiting } = props;
  const inner = Math.max(1, width - 4);
  const error = collection?.error;
  const errorLines = error ? Math.min(3, Math.max(1, height - 6)) : 0;
  const listRows = Math.max(1, height - 2 - 3 - errorLines);
  const empty = rows.length === 0 ? emptyText(kind, deleted, collection, filter, waiting) : '';
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <CollectionTabs kind={kind} deleted={deleted} width={inner} theme={theme} />
      {error ? <ErrorBanner error={error} width={inner} theme={theme} maxLines={errorLines} /> : null}
      {rows.length > 0 || !empty ? (
        <ItemList rows={rows} cursor={cursor} kind={kind} deleted={deleted} width={inner} height={listRows} focused={focused} now={now} theme={theme} store={store} vault={vault} />
      ) : (
        <Box height={listRows + 1} width={inner}>
          <Text color={color(theme.muted)} wrap="truncate-end">
            {empty}
          </Text>
        </Box>
      )}
      <ListFooter
        filter={filter}
        editing={filterEditing}
        shown={rows.length}
        total={collection?.items.length ?? 0}
        status={collection?.status ?? 'idle'}
        sort={sort}
        width={inner}
        theme={theme}
      />
    </PaneFrame>
  );
});

/** One line saying what a collection's error means, for the title of a narrow pane. */
export function errorSummary(collection: CollectionState | undefined): string | undefined {
  return collection?.error ? describeError(collection.error).title : undefined;
}
