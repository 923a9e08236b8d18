// The details pane shows a list of lines built by pure functions (one per item kind), so
// every field is tested without a terminal and the pane only scrolls and highlights.
// Every value from the vault is escaped here, before it can reach Ink.
import type { DetailsState, ItemDetails, ItemSummary } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { expiryTone, formatDate } from './relative-time.js';

export type Tone = 'error' | 'warning' | 'success' | 'muted' | 'accent' | 'secret';

export type DetailLine =
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; tone?: Tone }
  | { kind: 'text'; text: string; tone?: Tone }
  | { kind: 'version'; version: string; text: string; tone?: Tone; current: boolean };

export const field = (label: string, value: string | undefined, tone?: Tone): DetailLine => ({
  kind: 'field',
  // Labels can come from the vault too (tag names).
  label: escapeControl(label),
  value: value === undefined || value === '' ? '—' : escapeControl(value),
  tone,
});

export const heading = (text: string): DetailLine => ({ kind: 'heading', text });

/** Lines of multi-line text (a PEM, a secret value), each escaped and cut to `width`. */
export function textLines(text: string, width: number, tone?: Tone): DetailLine[] {
  const out: DetailLine[] = [];
  const w = Math.max(8, width);
  for (const raw of text.split(/\r?\n/)) {
    const line = escapeControl(raw);
    if (line === '') continue;
    for (let i = 0; i < line.length; i += w) out.push({ kind: 'text', text: line.slice(i, i + w), tone });
  }
  return out;
}

function expiryField(label: string, date: Date | undefined, now: number): DetailLine {
  const tone = expiryTone(date, now);
  return field(label, date ? formatDate(date, now) : undefined, tone === 'expired' ? 'error' : tone === 'soon' ? 'warning' : undefined);
}

/** Fields every item has: id, version, enabled, dates, recovery, content type, tags. */
export function commonLines(item: ItemDetails | ItemSummary, now: number): DetailLine[] {
  const lines: DetailLine[] = [
    field('id', item.id),
    field('version', item.version),
    field('enabled', item.enabled === undefined ? undefined : item.enabled ? 'yes' : 'no', item.enabled === false ? 'warning' : undefined),
    field('created', item.createdOn ? formatDate(item.createdOn, now) : undefined),
    field('updated', item.updatedOn ? formatDate(item.updatedOn, now) : undefined),
    field('not before', item.notBefore ? formatDate(item.notBefore, now) : undefined),
    expiryField('expires', item.expiresOn, now),
    field('recovery', item.recoveryLevel ? `${item.recoveryLevel}${item.recoverableDays ? ` (${item.recoverableDays} days)` : ''}` : undefined),
  ];
  if (item.kind === 'secrets') lines.push(field('content type', item.contentType));
  if (item.managed) lines.push(field('managed', 'yes (backs a certificate)', 'muted'));
  if (item.deletedOn) {
    lines.push(field('deleted', formatDate(item.deletedOn, now), 'warning'));
    lines.push(field('purge on', item.scheduledPurgeDate ? formatDate(item.scheduledPurgeDate, now) : undefined));
  }
  const tags = Object.entries(item.tags ?? {});
  lines.push(heading(`Tags (${tags.length})`));
  if (tags.length === 0) lines.push({ kind: 'text', text: 'none', tone: 'muted' });
  for (const [k, v] of tags) lines.push(field(k, v));
  return lines;
}

/** Versions, newest first; the one shown is marked. */
export function versionLines(state: DetailsState | undefined, shownVersion: string | undefined, now: number): DetailLine[] {
  const versions = state?.versions;
  if (!versions) return [];
  const lines: DetailLine[] = [heading(`Versions (${versions.items.length}${versions.status === 'loading' || versions.status === 'partial' ? '…' : ''})`)];
  const sorted = [...versions.items].sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  sorted.forEach((v, i) => {
    if (!v.version) return;
    const tone = expiryTone(v.expiresOn, now);
    const bits = [
      escapeControl(v.version).slice(0, 32),
      v.createdOn ? formatDate(v.createdOn, now).slice(0, 16) : '',
      v.enabled === false ? 'disabled' : '',
      i === 0 ? 'latest' : '',
    ].filter(Boolean);
    lines.push({
      kind: 'version',
      version: v.version,
      text: bits.join('  '),
      tone: v.enabled === false ? 'muted' : tone === 'expired' ? 'error' : undefined,
      current: shownVersion === undefined ? i === 0 : v.version === shownVersion,
    });
  });
  if (versions.error) lines.push({ kind: 'text', text: escapeControl(versions.error.message), tone: 'error' });
  return lines;
}

export const LABEL_WIDTH = 15;

/** Splits `value` into pieces of at most `room` characters, at a space when there is one. */
function breakValue(value: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > room) {
    // Prefer the last space that leaves a useful first piece; hashes and ids have none.
    const space = rest.lastIndexOf(' ', room);
    const cut = space > room / 3 ? space : room;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/** The longest label shown beside its value: the label column less one space before the value. */
export const LABEL_ROOM = LABEL_WIDTH - 2;

/**
 * Breaks field values that do not fit next to their label into continuation lines. A label
 * longer than the label column (a tag name like "cost-center-id") goes on its own line(s),
 * whole, with the value below it, so it is neither cut nor run into the value.
 */
export function wrapLines(lines: readonly DetailLine[], width: number): DetailLine[] {
  const room = Math.max(8, width - LABEL_WIDTH);
  const out: DetailLine[] = [];
  for (const line of lines) {
    if (line.kind !== 'field') {
      out.push(line);
      continue;
    }
    let current = line;
    if (line.label.length > LABEL_ROOM) {
      const labelRoom = Math.max(8, width - 1);
      for (let i = 0; i < line.label.length; i += labelRoom) out.push({ kind: 'text', text: line.label.slice(i, i + labelRoom), tone: 'muted' });
      current = { ...line, label: '' };
    }
    if (current.value.length <= room) {
      out.push(current);
      continue;
    }
    breakValue(current.value, room).forEach((piece, i) => out.push({ ...current, label: i === 0 ? current.label : '', value: piece }));
  }
  return out;
}
