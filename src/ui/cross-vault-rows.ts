// What the :find and :expiring views show, computed from the snapshot (pure, so it is tested
// without a terminal): progress over the vaults, results grouped by vault, radar rows.
import type { RadarRow, RadarSource } from '../store/expiry-radar.js';
import { radarRows } from '../store/expiry-radar.js';
import type { FindQuery } from '../store/find-query.js';
import { matchScore } from '../store/find-query.js';
import type { CollectionKind, CollectionState, ItemSummary, RenewalState, VaultState, VersionListState } from '../store/types.js';
import { relativeTime } from './relative-time.js';

export const SCAN_KINDS: readonly CollectionKind[] = ['keys', 'secrets', 'certificates'];

export type VaultScanState = 'searching' | 'done' | 'refused' | 'throttled';

export interface VaultScanInfo {
  state: VaultScanState;
  /** Why it was refused / what it waits for, in one line. */
  note?: string;
  /** The oldest complete list's time: what "as of" means for this vault. */
  loadedAt?: number;
}

function scanInfo(vault: VaultState, kinds: readonly CollectionKind[]): VaultScanInfo {
  const lists: CollectionState[] = kinds.map((k) => vault.collections[k]);
  const refused = lists.find((c) => c.status === 'error' && c.error?.class !== 'throttled');
  const throttled = lists.find((c) => c.status === 'error' && c.error?.class === 'throttled');
  const loadedAt = lists.every((c) => c.loadedAt !== undefined) ? Math.min(...lists.map((c) => c.loadedAt!)) : undefined;
  if (lists.some((c) => c.status === 'loading' || c.status === 'partial' || c.status === 'idle')) {
    return throttled ? { state: 'throttled', note: throttled.error?.message } : { state: 'searching' };
  }
  if (throttled) return { state: 'throttled', note: throttled.error?.message };
  if (refused) return { state: 'refused', note: refused.error?.message, loadedAt };
  return { state: 'done', loadedAt };
}

export interface ScanProgress {
  total: number;
  searched: number;
  refused: number;
  throttled: number;
}

export function scanProgress(vaults: readonly VaultState[], kinds: readonly CollectionKind[] = SCAN_KINDS): ScanProgress {
  const out: ScanProgress = { total: vaults.length, searched: 0, refused: 0, throttled: 0 };
  for (const v of vaults) {
    const info = scanInfo(v, kinds);
    if (info.state === 'done' || info.state === 'refused') out.searched++;
    if (info.state === 'refused') out.refused++;
    if (info.state === 'throttled') out.throttled++;
  }
  return out;
}

/** "12 of 40 vaults searched, 3 refused, 1 throttled". */
export function progressText(p: ScanProgress, verb = 'searched'): string {
  const parts = [`${p.searched} of ${p.total} vault${p.total === 1 ? '' : 's'} ${verb}`];
  if (p.refused) parts.push(`${p.refused} refused`);
  if (p.throttled) parts.push(`${p.throttled} throttled (retrying)`);
  return parts.join(', ');
}

/** "as of 2m ago" for a vault's lists, "" while they load. */
export function asOf(loadedAt: number | undefined, now: number): string {
  if (loadedAt === undefined) return '';
  const rel = relativeTime(new Date(loadedAt), now);
  return rel === 'now' ? 'as of now' : `as of ${rel}`;
}

export type FindLine =
  | { type: 'vault'; vault: VaultState; info: VaultScanInfo; matches: number }
  | { type: 'item'; item: ItemSummary; vault: VaultState };

export interface FindView {
  lines: FindLine[];
  /** The item lines, in order: the cursor moves over these. */
  items: { item: ItemSummary; vault: VaultState }[];
  progress: ScanProgress;
}

const KIND_ORDER: Record<CollectionKind, number> = { secrets: 0, keys: 1, certificates: 2 };

let findCache: { vaults: readonly VaultState[]; key: string; out: FindView } | undefined;

/** Matches grouped by vault (vaults in their open order), best match first within a vault. Remembers the last answer. */
export function findView(vaults: readonly VaultState[], query: FindQuery): FindView {
  const key = JSON.stringify(query);
  if (findCache?.vaults === vaults && findCache.key === key) return findCache.out;
  const out = computeFindView(vaults, query, key);
  findCache = { vaults, key, out };
  return out;
}

/**
 * A vault's sorted matches, kept while its collections are the same object (snapshots are
 * immutable), and each list's matches while it is the same array: during a scan only the lists
 * that grew are matched again, not every item of every vault on every snapshot.
 */
interface VaultMatches {
  key: string;
  matched: readonly ItemSummary[];
}
const vaultMatches = new WeakMap<VaultState['collections'], VaultMatches>();
let listMatches = new WeakMap<readonly ItemSummary[], { item: ItemSummary; score: number }[]>();
let listMatchesKey = '';

function matchesIn(items: readonly ItemSummary[], query: FindQuery, key: string): { item: ItemSummary; score: number }[] {
  // One query at a time is remembered, so a new query does not keep the old one's answers alive.
  if (listMatchesKey !== key) {
    listMatches = new WeakMap();
    listMatchesKey = key;
  }
  const known = listMatches.get(items);
  if (known) return known;
  const matched: { item: ItemSummary; score: number }[] = [];
  for (const item of items) {
    const score = matchScore(item, query);
    if (score >= 0) matched.push({ item, score });
  }
  listMatches.set(items, matched);
  return matched;
}

function matchesOf(vault: VaultState, query: FindQuery, key: string): readonly ItemSummary[] {
  const known = vaultMatches.get(vault.collections);
  if (known && known.key === key) return known.matched;
  const scored = SCAN_KINDS.flatMap((kind) => matchesIn(vault.collections[kind].items, query, key));
  scored.sort((a, b) => b.score - a.score || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.item.name.localeCompare(b.item.name));
  const matched = scored.map((m) => m.item);
  vaultMatches.set(vault.collections, { key, matched });
  return matched;
}

function computeFindView(vaults: readonly VaultState[], query: FindQuery, key: string): FindView {
  const lines: FindLine[] = [];
  const items: FindView['items'] = [];
  for (const vault of vaults) {
    const info = scanInfo(vault, SCAN_KINDS);
    const matched = matchesOf(vault, query, key);
    if (matched.length === 0 && info.state === 'done') continue;
    lines.push({ type: 'vault', vault, info, matches: matched.length });
    for (const item of matched) {
      lines.push({ type: 'item', item, vault });
      items.push({ item, vault });
    }
  }
  return { lines, items, progress: scanProgress(vaults) };
}

let radarCache: { vaults: readonly VaultState[]; days: number; now: number; renewals: object; versions?: object; out: RadarRow[] } | undefined;

/** The radar over every open vault's current items, with what is known of certificates' renewal. Remembers the last answer. */
export function radarView(
  vaults: readonly VaultState[],
  days: number,
  now: number,
  renewals: Readonly<Record<string, RenewalState>> = NO_RENEWALS,
  versions?: Readonly<Record<string, VersionListState>>,
): RadarRow[] {
  const c = radarCache;
  if (c && c.vaults === vaults && c.days === days && c.now === now && c.renewals === renewals && c.versions === versions) return c.out;
  const out = computeRadar(vaults, days, now, renewals, versions);
  radarCache = { vaults, days, now, renewals, versions, out };
  return out;
}

const NO_RENEWALS: Readonly<Record<string, RenewalState>> = {};

function computeRadar(
  vaults: readonly VaultState[],
  days: number,
  now: number,
  renewals: Readonly<Record<string, RenewalState>>,
  versions: Readonly<Record<string, VersionListState>> | undefined,
): RadarRow[] {
  function* sources(): Generator<RadarSource> {
    for (const vault of vaults) {
      for (const kind of SCAN_KINDS) {
        for (const item of vault.collections[kind].items) {
          yield { vaultName: vault.name, item, current: true };
          // Older versions, when listed: the current one is already above.
          const listed = versions?.[item.id];
          if (listed?.status !== 'done') continue;
          for (const v of listed.versions) if (v.version !== item.version) yield { vaultName: vault.name, item: { ...v, id: item.id }, current: false };
        }
      }
    }
  }
  const known: Record<string, { issuer?: string; autoRenew?: boolean }> = {};
  for (const [id, r] of Object.entries(renewals)) if (r.status === 'done') known[id] = { issuer: r.issuer, autoRenew: r.autoRenew };
  return radarRows(sources(), days, now, known);
}

/** The window of `lines` to show in `height` rows so that line `focus` is in it. */
export function windowAround(count: number, focus: number, height: number): { start: number; end: number } {
  if (count <= height) return { start: 0, end: count };
  const start = Math.min(Math.max(0, focus - Math.floor(height / 2)), count - height);
  return { start, end: start + height };
}
