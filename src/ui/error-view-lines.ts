// The error view's text: the whole classified error as lines, wrapped to the view's width —
// what happened, what the service said (uncut), what to do, the request that failed (method,
// path, status, x-ms-request-id) and, for a failed sign-in, every credential tried and why.
// Everything here is already escaped by the store's classifier; it is escaped again in case
// an error was built elsewhere.
import type { ClassifiedError } from '../store/types.js';
import { escapeControl } from '../text/escape-control.js';
import { describeError } from './describe-error.js';
import { wrapText } from './wrap-text.js';

export interface ErrorViewLine {
  text: string;
  tone?: 'heading' | 'error' | 'warning' | 'muted';
}

const LABEL = 18;

/** "label            value", the value wrapped in its own column so labels never run into values. */
function field(label: string, value: string, width: number): ErrorViewLine[] {
  return wrapText(escapeControl(value), Math.max(8, width - LABEL)).map((text, i) => ({ text: (i === 0 ? label : '').padEnd(LABEL) + text }));
}

export function errorViewLines(error: ClassifiedError, width: number): ErrorViewLine[] {
  const text = describeError(error);
  const out: ErrorViewLine[] = [];
  const add = (lines: string[], tone?: ErrorViewLine['tone']) => out.push(...lines.map((l) => ({ text: l, tone })));
  add(wrapText(`${text.tone === 'error' ? '✗' : '⚠'} ${text.title}`, width, '  '), text.tone);
  if (text.detail && text.detail !== text.title) add(wrapText(`  ${text.detail}`, width, '  '));
  if (text.hint) add(wrapText(`  ${text.hint}`, width, '  '), 'muted');
  const said = error.fullMessage ? escapeControl(error.fullMessage) : undefined;
  // A sign-in failure's whole text is its reasons, listed below.
  if (said && !error.reasons?.length && said !== escapeControl(error.message) && !escapeControl(error.message).endsWith(said)) {
    out.push({ text: '' }, { text: 'Message', tone: 'heading' });
    add(wrapText(said, width));
  }
  if (error.reasons?.length) {
    out.push({ text: '' }, { text: `Sign-in: ${error.reasons.length === 1 ? 'the credential' : `each of ${error.reasons.length} credentials`} tried, and why it failed`, tone: 'heading' });
    for (const r of error.reasons) {
      add(wrapText(`• ${escapeControl(r.credential)}`, width, '  '), 'warning');
      add(wrapText(`  ${escapeControl(r.reason)}`, width, '  '));
    }
  }
  if (error.request) {
    const r = error.request;
    out.push({ text: '' }, { text: 'Request', tone: 'heading' });
    out.push(...field('request', `${r.method} ${r.path}${r.status !== undefined ? ` → ${r.status}` : ''}`, width));
    if (r.host) out.push(...field('host', r.host, width));
    out.push(...field('x-ms-request-id', r.requestId ?? '— (no answer from the service)', width));
  }
  const codes = [error.code, error.innerCode].filter(Boolean).join(' / ');
  out.push({ text: '' }, { text: 'Class', tone: 'heading' });
  out.push(...field('class', `${error.class}${error.status !== undefined ? ` (HTTP ${error.status})` : ''}`, width));
  if (codes) out.push(...field('code', codes, width));
  if (error.permission) out.push(...field('missing', `${error.permission.action} on ${error.permission.collection}`, width));
  if (error.caller) out.push(...field('caller', error.caller, width));
  if (error.credential) out.push(...field('credential', error.credential, width));
  return out;
}
