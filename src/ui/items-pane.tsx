import { memo } from 'react';
import { Box, Text } from 'ink';
import type { CollectionKind, CollectionState, ItemSummary, Store } from '../store/types.js';
import type { Filtered } from './fuzzy-filter.js';
import type { ListSort } from './sort.js';
import type { Theme } from './theme.js';
import { color } from './theme.js';
import { PaneFrame } from './pane-frame.js';
import { CollectionTabs } from './collection-tabs.js';
import { ErrorBanner, errorBannerLines } from './error-banner.js';
import { ItemList } from './item-list.js';
import { ListFooter } from './list-footer.js';
import { describeError } from './describe-error.js';
import { rendered } from './render-probe.js';
import { isItemName } from './item-text.js';
import { escapeControl } from '../text/escape-control.js';
import { POLICY_HINT_LINES, PolicyHint } from './policy-hint.js';
import { keyFor } from './keymap.js';
import { useKeymap } from './keymap-context.js';

/** The keys the empty list names: Enter on the filter, and what clears it. */
interface FilterKeys {
  send: string;
  clear: string;
}

interface Props {
  kind: CollectionKind;
  deleted: boolean;
  collection: CollectionState | undefined;
  rows: readonly Filtered<ItemSummary>[];
  cursor: number;
  filter: string;
  filterEditing: boolean;
  sort: ListSort;
  focused: boolean;
  width: number;
  height: number;
  now: number;
  theme: Theme;
  /** The store and vault (URL) to ask for key types / issuers of the rows in view. */
  store?: Store;
  vault?: string;
  /** The key that opens the error view, as the keymap has it. */
  errorKey?: string;
  /** Running operations on rows of this list, by lowercase name: their current step. */
  busy?: ReadonlyMap<string, string>;
  /** Said instead of "loading …" while the list waits on something else, e.g. a sign-in. */
  waiting?: string;
}

function emptyText(kind: CollectionKind, deleted: boolean, collection: CollectionState | undefined, filter: string, keys: FilterKeys, waiting?: string): string {
  const status = collection?.status ?? 'idle';
  if (filter) {
    const loaded = collection?.items.length ?? 0;
    // A name not listed (yet, or at all when list is refused) can still be looked up with a GET.
    const lookup = !deleted && status !== 'complete' && isItemName(filter) ? ` · ${keys.send} opens "${filter}" by name` : '';
    if (status === 'idle' || status === 'loading' || status === 'partial') return `no match among ${loaded} loaded so far (still loading)${lookup}`;
    if (status === 'error') return `no match among ${loaded} loaded (the list stopped)${lookup}`;
    return `nothing matches /${escapeControl(filter)} (${keys.clear} clears)`;
  }
  if (status === 'idle' || (status === 'loading' && (collection?.items.length ?? 0) === 0)) return waiting ?? `loading ${kind}…`;
  if (status === 'error') return '';
  return deleted ? `no deleted ${kind}` : `no ${kind} in this vault`;
}

/** Tabs for the three collections, the list (or what went wrong with it) and its footer. */
export const ItemsPane = memo(function ItemsPane(props: Props) {
  rendered('ItemsPane');
  const { kind, deleted, collection, rows, cursor, filter, filterEditing, sort, focused, width, height, now, theme, store, vault, errorKey, busy, waiting } = props;
  const inner = Math.max(1, width - 4);
  const error = collection?.error;
  // An error is wrapped, not cut: it may take half the list's rows, or all of them when there are none to show.
  const errorRoom = rows.length === 0 ? Math.max(1, height - 7) : Math.max(1, Math.floor((height - 6) / 2));
  const errorLines = error ? Math.min(errorBannerLines(error, inner).length, errorRoom) : 0;
  // A 403 links to the vault's access policies: one more line saying what they give you.
  const policyLine = error?.class === 'forbidden' && store && vault ? POLICY_HINT_LINES : 0;
  const listRows = Math.max(1, height - 2 - 3 - errorLines - policyLine);
  const keymap = useKeymap();
  // While typing, the filter's own cancel clears it; once accepted, back does.
  const keys = { send: keyFor(keymap, 'input.send'), clear: keyFor(keymap, filterEditing ? 'input.cancel' : 'back') };
  const empty = rows.length === 0 ? emptyText(kind, deleted, collection, filter, keys, waiting) : '';
  return (
    <PaneFrame focused={focused} width={width} height={height} theme={theme}>
      <CollectionTabs kind={kind} deleted={deleted} width={inner} theme={theme} />
      {error ? <ErrorBanner error={error} width={inner} theme={theme} maxLines={errorLines} viewKey={errorKey} /> : null}
      {policyLine && store && vault ? <PolicyHint store={store} vault={vault} theme={theme} /> : null}
      {rows.length > 0 || !empty ? (
        <ItemList rows={rows} cursor={cursor} kind={kind} deleted={deleted} width={inner} height={listRows} focused={focused} now={now} theme={theme} store={store} vault={vault} busy={busy} query={filter} />
      ) : (
        <Box height={listRows + 1} width={inner}>
          <Text color={color(theme.muted)} wrap="wrap">
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
        notice={error?.class === 'throttled' ? describeError(error).title : undefined}
      />
    </PaneFrame>
  );
});

/** One line saying what a collection's error means, for the title of a narrow pane. */
export function errorSummary(collection: CollectionState | undefined): string | undefined {
  return collection?.error ? describeError(collection.error).title : undefined;
}
