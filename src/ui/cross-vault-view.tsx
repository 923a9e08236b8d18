// The body while a cross-vault view is open: :find results, the :expiring radar or :az commands,
// read from the store and kept current as the vaults' lists arrive.
import { useEffect, useMemo } from 'react';
import { parseFindQuery } from '../store/find-query.js';
import type { Store, VaultState } from '../store/types.js';
import { AzPane } from './az-view.js';
import { azEntries } from './cross-vault-commands.js';
import { SCAN_KINDS, findView, radarView, scanProgress } from './cross-vault-rows.js';
import { FindPane } from './find-view.js';
import type { NavState } from './navigation.js';
import { clampCursor } from './navigation.js';
import { RadarPane } from './radar-view.js';
import type { Theme } from './theme.js';
import { useStore } from './use-store.js';

interface Props {
  store: Store;
  /** The explorer's (paced) vaults: one subscription for both, so a burst renders once, not twice. */
  vaults: readonly VaultState[];
  nav: NavState;
  width: number;
  height: number;
  now: number;
  theme: Theme;
}

function radarWithVersions(nav: NavState): boolean {
  return nav.overlay?.kind === 'radar' && Boolean(nav.overlay.versions);
}

export function CrossVaultView({ store, vaults, nav, width, height, now, theme }: Props) {
  const renewals = useStore(store, (s) => s.renewals);
  const operations = useStore(store, (s) => s.operations);
  const versionLists = useStore(store, (s) => s.versionLists);
  const withVersions = radarWithVersions(nav);
  const overlay = nav.overlay!;
  const find = useMemo(() => {
    if (overlay.kind !== 'find') return undefined;
    const parsed = parseFindQuery(overlay.query);
    return findView(vaults, parsed.ok ? parsed.query : { words: [], tags: [] });
  }, [overlay, vaults]);
  const radar = useMemo(
    () => (overlay.kind === 'radar' ? radarView(vaults, overlay.days, now, renewals, withVersions ? versionLists : undefined) : undefined),
    [overlay, vaults, now, renewals, withVersions, versionLists],
  );
  // `:expiring DAYS versions`: every item's versions are listed (one request per item, a few at a time).
  useEffect(() => {
    if (withVersions) store.loadVersionLists(vaults.flatMap((v) => SCAN_KINDS.flatMap((k) => v.collections[k].items)));
  }, [withVersions, vaults, store]);
  const versionProgress = useMemo(() => {
    if (!withVersions) return undefined;
    const total = vaults.reduce((n, v) => n + SCAN_KINDS.reduce((m, k) => m + v.collections[k].items.length, 0), 0);
    const done = Object.values(versionLists ?? {}).filter((l) => l.status !== 'loading').length;
    return { done: Math.min(done, total), total };
  }, [withVersions, vaults, versionLists]);
  // The radar's certificates: their issuer and renewal are in the policy, asked for once each.
  useEffect(() => {
    if (!radar) return;
    const certs = radar.filter((r) => r.kind === 'certificates' && !renewals?.[r.id]);
    if (certs.length === 0) return;
    const byId = new Map(vaults.flatMap((v) => v.collections.certificates.items.map((i) => [i.id, i] as const)));
    store.loadRenewals(certs.map((r) => byId.get(r.id)).filter((i) => i !== undefined));
  }, [radar, renewals, vaults, store]);
  // Recomputed when the operations change (their az commands are listed).
  const az = useMemo(() => (overlay.kind === 'az' && operations ? azEntries(store.getSnapshot(), nav) : undefined), [overlay, nav, store, operations]);

  if (find) return <FindPane query={(overlay as { query: string }).query} view={find} cursor={clampCursor(overlay.cursor, find.items.length)} width={width} height={height} now={now} theme={theme} />;
  if (radar) return <RadarPane days={(overlay as { days: number }).days} rows={radar} versions={versionProgress} progress={scanProgress(vaults)} cursor={clampCursor(overlay.cursor, radar.length)} width={width} height={height} theme={theme} />;
  return <AzPane entries={az ?? []} cursor={clampCursor(overlay.cursor, az?.length ?? 0)} width={width} height={height} theme={theme} />;
}
