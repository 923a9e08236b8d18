// Dates as people scan them in a list: "in 12d", "3d ago", "now". `now` is injected so
// screenshots and tests are reproducible.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < MINUTE) return `${Math.max(1, Math.floor(ms / 1000))}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)}h`;
  if (ms < 60 * DAY) return `${Math.floor(ms / DAY)}d`;
  if (ms < 730 * DAY) return `${Math.floor(ms / (30 * DAY))}mo`;
  return `${Math.floor(ms / (365 * DAY))}y`;
}

/** "in 12d" for the future, "3d ago" for the past, "now" within 5 seconds, "" when there is no date. */
export function relativeTime(date: Date | undefined, now: number): string {
  if (!date) return '';
  const diff = date.getTime() - now;
  if (Math.abs(diff) < 5000) return 'now';
  return diff > 0 ? `in ${span(diff)}` : `${span(-diff)} ago`;
}

export type ExpiryTone = 'expired' | 'soon' | 'ok' | 'none';

/** Expired, expiring within `soonDays` (default 30), fine, or no expiry at all. */
export function expiryTone(expiresOn: Date | undefined, now: number, soonDays = 30): ExpiryTone {
  if (!expiresOn) return 'none';
  const left = expiresOn.getTime() - now;
  if (left <= 0) return 'expired';
  if (left <= soonDays * DAY) return 'soon';
  return 'ok';
}

/** An absolute timestamp for details views: "2025-03-14 09:26 UTC (3d ago)". */
export function formatDate(date: Date | undefined, now: number): string {
  if (!date) return '—';
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC (${relativeTime(date, now)})`;
}
