import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expiryTone, formatDate, relativeTime } from '../../src/ui/relative-time.js';

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const at = (ms: number) => new Date(now + ms);
const DAY = 86_400_000;

test('future dates read "in N", past ones "N ago"', () => {
  assert.equal(relativeTime(at(12 * DAY + 1000), now), 'in 12d');
  assert.equal(relativeTime(at(-3 * DAY), now), '3d ago');
  assert.equal(relativeTime(at(-90 * 60_000), now), '1h ago');
  assert.equal(relativeTime(at(5 * 60_000), now), 'in 5m');
  assert.equal(relativeTime(at(-30_000), now), '30s ago');
  assert.equal(relativeTime(at(1000), now), 'now');
  assert.equal(relativeTime(at(90 * DAY), now), 'in 3mo');
  assert.equal(relativeTime(at(-800 * DAY), now), '2y ago');
  assert.equal(relativeTime(undefined, now), '');
});

test('expiry tone: expired, within 30 days, later, none', () => {
  assert.equal(expiryTone(at(-1), now), 'expired');
  assert.equal(expiryTone(at(29 * DAY), now), 'soon');
  assert.equal(expiryTone(at(31 * DAY), now), 'ok');
  assert.equal(expiryTone(undefined, now), 'none');
});

test('absolute dates carry the relative time', () => {
  assert.equal(formatDate(at(-2 * DAY), now), '2025-05-30 12:00 UTC (2d ago)');
  assert.equal(formatDate(undefined, now), '—');
});
