import { useCallback, useMemo } from 'react';
import { Box, useApp } from 'ink';
import type { CollectionKind, ItemSummary, Operation, Store, StoreSnapshot } from '../store/types.js';
import { useOperationNotices } from './use-operation-notices.js';
import { targetItem } from './change-commands.js';
import type { Binding, Context } from './keymap.js';
import { displayKey } from './keymap.js';
import { focusedError } from './focused-error.js';
import type { Theme } from './theme.js';
import { TitleBar } from './title-bar.js';
import { StatusLine } from './status-line.js';
import { HelpOverlay } from './help-overlay.js';
import { CommandLine } from './command-line.js';
import { ItemsPane } from './items-pane.js';
import { VaultStrip, VaultsPane, vaultRows } from './vaults-pane.js';
import { DetailsPane, EmptyDetails, buildDetailLines, detailLineWidth } from './details-pane.js';
import { computeLayout } from './layout.js';
import type { NavState } from './navigation.js';
import { clampCursor, cursorOf, sortOf } from './navigation.js';
import { detailsKey } from '../store/details-key.js';
import { currentCollection, currentVault, listRows, vaultOrder } from './view-model.js';
import { filterEnter, runCommand, runCommandLine } from './explorer-commands.js';
import { runKeyCommand } from './command-handlers.js';
import { whyNot } from './why-not.js';
import { usePacedStore } from './use-paced-store.js';
import { useStore } from './use-store.js';
import { useNow } from './use-now.js';
import { useSettled } from './use-settled.js';
import { useNavState } from './use-nav-state.js';
import type { InputSink } from './use-explorer-input.js';
import { useExplorerInput } from './use-explorer-input.js';
import { useCollectionLoading } from './use-collection-loading.js';
import { useDetailsLoading } from './use-details-loading.js';
import { useDiscovery } from './use-discovery.js';
import { useHideOnLeave } from './use-hide-on-leave.js';
import type { ClipboardOptions } from './use-clipboard.js';
import { useClipboard } from './use-clipboard.js';
import type { EditTextOptions } from './edit-text.js';
import { useEditor } from './use-editor.js';
import { useFadingMessage } from './use-fading-message.js';
import { useModal } from './use-modal.js';
import { useSelectCreated } from './use-select-created.js';
import { DeletedVaultsPane } from './deleted-vaults-pane.js';
import { ModalView } from './modal-view.js';
import { OperationsDock, dockHeight } from './operations-dock.js';
import { CrossVaultView } from './cross-vault-view.js';
import { copyOperationAz } from './cross-vault-commands.js';

export interface ExplorerProps {
  /** The app's input hook forwards keys here. */
  sink: InputSink;
  store: Store;
  keymap: readonly Binding[];
  theme: Theme;
  readOnly: boolean;
  clock: () => number;
  columns: number;
  rows: number;
  clipboard?: ClipboardOptions;
  editor?: EditTextOptions;
}

const NO_ITEMS: readonly ItemSummary[] = [];
const KIND_LABEL = { keys: 'keys', secrets: 'secrets', certificates: 'certificates' } as const;

/** How long the cursor rests on a row before the wide layout's preview loads its details. */
export const PREVIEW_DELAY_MS = 150;

const KIND_CONTEXT = { keys: 'key', secrets: 'secret', certificates: 'certificate' } as const;

/**
 * Where bindings apply: lists everywhere, the focused pane, `secret`/`key`/`certificate` on live
 * items of that kind — except a certificate's own key, which is not rotated by itself — and
 * `error` where there is an error to show whole.
 */
function activeContexts(nav: NavState, snapshot: StoreSnapshot, hasError: boolean): Context[] {
  if (nav.help.open) return [];
  // A cross-vault view (:find, :expiring, :az) takes the list keys; the panes behind it do not.
  if (nav.overlay) return ['list', 'overlay'];
  const live = !nav.deleted && (nav.focus === 'items' || nav.focus === 'details');
  const managedKey = nav.kind === 'keys' && targetItem(snapshot, nav)?.item.managed === true;
  return ['list', nav.deleted ? 'deleted' : 'live', nav.focus, ...(live && !managedKey ? [KIND_CONTEXT[nav.kind]] : []), ...(hasError ? ['error' as const] : [])];
}

/** Operations running on items of the list in view (deletes and purges on live rows, recover and purge on deleted ones). */
function busyRows(operations: readonly Operation[], vaultUrl: string | undefined, kind: CollectionKind, deleted: boolean): ReadonlyMap<string, string> {
  const kinds: readonly Operation['kind'][] = deleted ? ['recover', 'purge', 'deleteAndPurge'] : ['delete', 'deleteAndPurge', 'update', 'rotate'];
  const out = new Map<string, string>();
  for (const op of operations) {
    if (op.state === 'running' && op.vaultUrl === vaultUrl && op.collection === kind && kinds.includes(op.kind)) out.set(op.target.toLowerCase(), op.detail);
  }
  return out;
}

/** The full-screen explorer: vaults, items with tabs, details, title bar and status line. */
export function Explorer({ sink, store, keymap, theme, readOnly, clock, columns, rows: height, clipboard: clipboardOptions, editor }: ExplorerProps) {
  const { exit } = useApp();
  const [nav, dispatch, navRef] = useNavState();
  const vaults = usePacedStore(store, (s) => s.vaults);
  const discovery = useStore(store, (s) => s.discovery);
  const deletedVaults = useStore(store, (s) => s.deletedVaults);
  useDiscovery(store);
  const identity = useStore(store, (s) => s.identity);
  const collection = useStore(store, (s) => currentCollection(s, nav));
  const revealError = useStore(store, (s) => s.revealError);
  const anyRevealed = useStore(store, (s) => s.revealed);
  const inFlight = useStore(store, (s) => s.revealing);
  const now = useNow(clock, Boolean(anyRevealed));
  const operations = useStore(store, (s) => s.operations);
  const operationCount = operations.length;
  const [modal, setModal, modalRef] = useModal();
  // Quitting with operations running asks first (quit-dialog.tsx); otherwise it is immediate.
  const requestQuit = useCallback(() => {
    if (store.getSnapshot().operations.some((o) => o.state === 'running')) setModal({ type: 'quit' });
    else exit();
  }, [store, setModal, exit]);
  const signIn = useStore(store, (s) => s.signIn);
  const wallClock = useNow(Date.now, Boolean(signIn));
  const waiting = signIn ? `signing in with ${signIn.label}… ${Math.max(0, Math.floor((wallClock - signIn.since) / 1000))} s` : undefined;
  const say = useCallback((text: string, tone: 'info' | 'warning' | 'error') => dispatch({ type: 'message', message: { text, tone } }), [dispatch]);
  useFadingMessage(nav.message, useCallback(() => dispatch({ type: 'message' }), [dispatch]));
  const clipboard = useClipboard(say, clipboardOptions);
  const editValue = useEditor(useCallback((message: string) => say(message, 'error'), [say]), editor);
  const dock = dockHeight(operationCount, nav.focus === 'operations', height);

  const vault = currentVault({ vaults }, nav);
  const items = collection?.items ?? NO_ITEMS;
  const rows = listRows(items, sortOf(nav), nav.filter);
  const cursor = clampCursor(cursorOf(nav), rows.length);
  // Wide layouts preview the row under the cursor while the list has the keys; Enter still
  // opens it (focus moves into details). Narrow layouts show details only once opened.
  const wide = columns >= 120;
  const cursorItem = rows[cursor]?.item;
  const previewing = wide && nav.focus === 'items' && cursorItem !== undefined && cursorItem.id !== nav.opened?.id;
  const shown = previewing ? { id: cursorItem.id, version: undefined } : nav.opened;
  // The preview's details load only once the cursor rests there (holding j loads nothing on the way).
  const settledPreview = useSettled(previewing ? cursorItem.id : undefined, PREVIEW_DELAY_MS);
  const details = useStore(store, (s) => (shown ? s.details[detailsKey(shown, shown.version)] : undefined));
  const latest = useStore(store, (s) => (shown ? s.details[shown.id] : undefined));
  // A preview never shows a value: reveal (v) opens the item first.
  const revealed = previewing ? undefined : anyRevealed;
  const shownId = shown?.id;
  const opened = useMemo(() => (shownId ? (latest?.item ?? items.find((i) => i.id === shownId)) : undefined), [shownId, latest, items]);
  const toLoad = previewing ? (settledPreview === opened?.id ? opened : undefined) : opened;
  const showDetails = Boolean(opened) && (wide || nav.focus === 'details');
  const computed = computeLayout(columns, height - dock, showDetails);
  // At 80 columns the vaults are a one-line strip; with the keys in the vaults pane they get the whole body instead.
  const vaultsFull = computed.strip && nav.focus === 'vaults';
  const layout = vaultsFull ? { ...computed, strip: false, vaults: { width: columns, height: computed.body }, items: undefined, details: undefined } : computed;
  const lineWidth = detailLineWidth(layout.details?.width ?? columns);
  const detailLines = useMemo(
    () =>
      opened
        ? buildDetailLines(
            {
              item: opened,
              details,
              latest,
              version: shown?.version,
              revealed,
              revealing: !previewing && inFlight?.itemId === opened.id && inFlight.version === shown?.version,
              revealError: revealError?.itemId === opened.id ? revealError.error : undefined,
              keymap,
            },
            lineWidth,
            now,
          )
        : [],
    [opened, details, latest, shown?.version, revealed, inFlight, previewing, revealError, lineWidth, now, keymap],
  );

  useCollectionLoading(store, vault?.url, nav.kind, nav.deleted, collection?.status, collection?.cancelled);
  useDetailsLoading(store, toLoad, shown?.version, details?.status, latest?.status);
  // A preview is not the opened item: back in the list (even on the same row) the value hides.
  useHideOnLeave(store, anyRevealed, previewing ? undefined : shown?.id, shown?.version, latest?.item?.version);

  const hasError = useStore(store, (s) => focusedError(s, nav) !== undefined);
  // Stable while its inputs are, so the memoised panes (status line, help) skip cursor moves.
  const managedKey = nav.kind === 'keys' && targetItem(store.getSnapshot(), nav)?.item.managed === true;
  const active = useMemo(() => activeContexts(nav, store.getSnapshot(), hasError), [nav.help.open, nav.overlay, nav.deleted, nav.focus, nav.kind, hasError, managedKey]);
  const vaultNames = useMemo(() => vaults.map((v) => v.name), [vaults]);
  const errorKey = displayKey(keymap.find((b) => b.command === 'error.show')?.keys[0] ?? '!');
  useOperationNotices(store, say, keymap, useCallback(() => modalRef.current !== undefined, [modalRef]));
  const selectWhenListed = useCallback((vaultUrl: string, kind: CollectionKind, name: string) => dispatch({ type: 'selectWhenListed', vault: vaultUrl, kind, name }), [dispatch]);
  useSelectCreated(nav, vault?.url, rows, items, dispatch, say);
  const listHeight = (layout.items?.height ?? layout.details?.height ?? height - dock) - 5;
  const ctx = {
    store,
    nav: () => navRef.current,
    dispatch,
    page: Math.max(1, nav.focus === 'details' ? (layout.details?.height ?? height) - 3 : listHeight),
    detailLines: () => detailLines,
    quit: requestQuit,
    now: clock,
    say,
    copy: clipboard.copy,
  };
  useExplorerInput({
    sink,
    keymap,
    activeFor: (n) => activeContexts(n, store.getSnapshot(), focusedError(store.getSnapshot(), n) !== undefined),
    navRef,
    dispatch,
    vaultNames,
    onCommand: (command) => {
      // A cross-vault view (:find, :expiring, :az) reads the keys itself; y in the operations panel copies the az command.
      if (navRef.current.overlay && !navRef.current.help.open) return runCommand(command, ctx);
      if (command === 'copy' && navRef.current.focus === 'operations') return copyOperationAz(ctx);
      runKeyCommand(command, { ...ctx, keymap, openModal: setModal, clipboard, say });
    },
    onUnbound: (name) => {
      const reason = whyNot(keymap, name, navRef.current, store.getSnapshot());
      if (reason) say(reason, 'warning');
    },
    blocked: () => modalRef.current !== undefined,
    onCommandLine: (line) => runCommandLine(line, ctx),
    onFilterEnter: (text) => filterEnter(ctx, text),
    onQuit: requestQuit,
  });

  const vaultList = useMemo(() => vaultRows(vaultOrder(vaults)), [vaults]);
  const selectedVault = vault ? vaultList.findIndex((v) => v.url === vault.url) : -1;
  const busy = useMemo(() => busyRows(operations, vault?.url, nav.kind, nav.deleted), [operations, vault?.url, nav.kind, nav.deleted]);
  const crumbText = [
    vault?.name ?? '',
    vault ? `${KIND_LABEL[nav.kind]}${nav.deleted ? ' (deleted)' : ''}` : '',
    opened ? `${opened.name}${shown?.version ? `@${shown.version.slice(0, 8)}` : ''}` : '',
  ];
  const crumbs = useMemo(() => crumbText.filter(Boolean), crumbText); // keyed on the three strings

  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      <TitleBar width={columns} crumbs={crumbs} identity={identity?.display} readOnly={readOnly} theme={theme} />
      {modal ? (
        <ModalView modal={modal} store={store} keymap={keymap} onQuit={exit} width={columns} height={layout.body} now={clock} theme={theme} close={setModal} say={say} editValue={editValue} clipboard={clipboard} select={selectWhenListed} />
      ) : nav.help.open ? (
        <HelpOverlay keymap={keymap} readOnly={readOnly} width={columns} height={layout.body} offset={nav.help.offset} theme={theme} />
      ) : nav.overlay ? (
        <CrossVaultView store={store} vaults={vaults} nav={nav} width={columns} height={layout.body} now={clock()} theme={theme} />
      ) : (
        <Box flexDirection={layout.strip ? 'column' : 'row'} height={layout.body} overflow="hidden">
          {layout.strip ? (
            <VaultStrip vaults={vaultList} selected={selectedVault} focused={nav.focus === 'vaults'} width={columns} theme={theme} />
          ) : null}
          {layout.vaults && nav.vaultsDeleted ? (
            <DeletedVaultsPane
              deleted={deletedVaults}
              selected={Math.min(nav.deletedVaultCursor, Math.max(0, deletedVaults.items.length - 1))}
              focused={nav.focus === 'vaults'}
              width={layout.vaults.width}
              height={layout.vaults.height}
              theme={theme}
            />
          ) : layout.vaults ? (
            <VaultsPane vaults={vaultList} selected={selectedVault} focused={nav.focus === 'vaults'} width={layout.vaults.width} height={layout.vaults.height} theme={theme} discovery={discovery} />
          ) : null}
          {layout.items ? (
            <ItemsPane
              kind={nav.kind}
              deleted={nav.deleted}
              collection={collection}
              rows={rows}
              cursor={cursor}
              filter={nav.filter}
              filterEditing={nav.filterEditing}
              sort={sortOf(nav)}
              focused={nav.focus === 'items'}
              width={layout.items.width}
              height={layout.items.height}
              now={now}
              theme={theme}
              store={store}
              vault={vault?.url}
              waiting={waiting}
              errorKey={errorKey}
              busy={busy}
            />
          ) : null}
          {layout.details && opened ? (
            <DetailsPane
              item={opened}
              details={details}
              version={shown?.version}
              lines={detailLines}
              cursor={nav.detailsCursor}
              focused={nav.focus === 'details'}
              width={layout.details.width}
              height={layout.details.height}
              theme={theme}
              errorKey={errorKey}
            />
          ) : layout.details ? (
            <EmptyDetails width={layout.details.width} height={layout.details.height} theme={theme} />
          ) : null}
        </Box>
      )}
      {dock > 0 ? <OperationsDock store={store} selected={nav.opsCursor} focused={nav.focus === 'operations'} width={columns} height={dock} clock={clock} theme={theme} /> : null}
      {nav.command !== undefined ? (
        <CommandLine text={nav.command} vaultNames={vaultNames} width={columns} theme={theme} />
      ) : (
        <StatusLine width={columns} keymap={keymap} active={active} readOnly={readOnly} message={nav.message} theme={theme} />
      )}
    </Box>
  );
}
