// `:expiring [DAYS]` — what has expired or expires within DAYS, across vaults, soonest first;
// and its export as CSV or Markdown (names, dates and renewal only: a value is never an input).
import { escapeControl } from '../text/escape-control.js';
import type { CollectionKind, ItemSummary } from './types.js';

const DAY_MS = 86_400_000;

/** How a certificate renews, from its policy's lifetime actions. */
export interface Renewal {
  issuer?: string;
  /** AutoRenew (true) or EmailContacts only (false); undefined when the policy is not known. */
  autoRenew?: boolean;
}

export interface RadarSource {
  vaultName: string;
  item: ItemSummary;
  /** false for an older version of the item (shown apart from the current one). */
  current: boolean;
}

export interface RadarRow {
  vaultName: string;
  vaultUrl: string;
  kind: CollectionKind;
  name: string;
  id: string;
  version?: string;
  expiresOn: Date;
  /** Whole days left (negative once expired). */
  daysLeft: number;
  expired: boolean;
  enabled: boolean;
  current: boolean;
  renewal?: Renewal;
}

/** Expired items and those expiring within `days` of `now`, soonest first (then vault, kind, name). */
export function radarRows(sources: Iterable<RadarSource>, days: number, now: number, renewals: Readonly<Record<string, Renewal>> = {}): RadarRow[] {
  const horizon = now + days * DAY_MS;
  const rows: RadarRow[] = [];
  for (const { vaultName, item, current } of sources) {
    const exp = item.expiresOn?.getTime();
    if (exp === undefined || exp > horizon) continue;
    const row: RadarRow = {
      vaultName,
      vaultUrl: item.vaultUrl,
      kind: item.kind,
      name: item.name,
      id: item.id,
      expiresOn: item.expiresOn!,
      daysLeft: Math.floor((exp - now) / DAY_MS),
      expired: exp <= now,
      enabled: item.enabled !== false,
      current,
    };
    if (item.version) row.version = item.version;
    const renewal = renewals[item.id];
    if (item.kind === 'certificates' && renewal) row.renewal = renewal;
    rows.push(row);
  }
  return rows.sort(
    (a, b) =>
      a.expiresOn.getTime() - b.expiresOn.getTime() ||
      a.vaultName.localeCompare(b.vaultName) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name) ||
      Number(b.current) - Number(a.current),
  );
}

/** "expired 3d ago", "today", "in 12d". */
export function dueText(row: Pick<RadarRow, 'daysLeft' | 'expired'>): string {
  if (row.expired) return row.daysLeft === 0 || row.daysLeft === -1 ? 'expired today' : `expired ${-row.daysLeft}d ago`;
  return row.daysLeft === 0 ? 'today' : `in ${row.daysLeft}d`;
}

export function renewalText(row: RadarRow): string {
  if (row.kind !== 'certificates') return '';
  if (!row.renewal) return '…';
  const how = row.renewal.autoRenew === undefined ? '?' : row.renewal.autoRenew ? 'auto-renews' : 'email only';
  return row.renewal.issuer ? `${row.renewal.issuer}, ${how}` : how;
}

/** "" for a current, enabled item; otherwise what sets it apart: "old version", "disabled". */
export function stateText(row: RadarRow): string {
  return [row.current ? '' : 'old version', row.enabled ? '' : 'disabled'].filter(Boolean).join(', ');
}

const HEADER = ['vault', 'kind', 'name', 'version', 'expires', 'due', 'state', 'issuer', 'auto_renew'] as const;

function fields(row: RadarRow): string[] {
  return [
    row.vaultName,
    row.kind,
    row.name,
    row.version ?? '',
    row.expiresOn.toISOString(),
    dueText(row),
    stateText(row),
    row.renewal?.issuer ?? '',
    row.kind !== 'certificates' || row.renewal?.autoRenew === undefined ? '' : String(row.renewal.autoRenew),
  ];
}

/**
 * One CSV field (RFC 4180). Control characters are escaped, and a field a spreadsheet would run
 * as a formula (=, +, -, @ first) gets a leading apostrophe: the names come from vaults.
 */
export function csvField(text: string): string {
  let safe = escapeControl(text);
  if (/^[=+\-@]/.test(safe)) safe = `'${safe}`;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function radarCsv(rows: readonly RadarRow[]): string {
  return [HEADER.join(','), ...rows.map((r) => fields(r).map(csvField).join(','))].join('\r\n') + '\r\n';
}

function mdCell(text: string): string {
  return escapeControl(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`');
}

export function radarMarkdown(rows: readonly RadarRow[], days: number, now: number): string {
  const title = `### Expired or expiring within ${days} days — as of ${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  if (rows.length === 0) return `${title}\n\nNothing expires within ${days} days.\n`;
  const lines = [title, '', `| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${fields(row).map(mdCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
