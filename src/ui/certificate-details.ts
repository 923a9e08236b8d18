// Details of a certificate: subject, issuer, SANs, serial, thumbprints, validity, key usage,
// EKUs and the issuance policy.
import type { ItemDetails } from '../store/types.js';
import type { DetailLine } from './detail-lines.js';
import { commonLines, field, heading } from './detail-lines.js';
import { expiryTone, formatDate } from './relative-time.js';

export function certificateLines(item: ItemDetails, options: { now: number; width: number }): DetailLine[] {
  const cert = item.certificate;
  const lines: DetailLine[] = [heading('Certificate')];
  if (cert?.pending) lines.push(field('pending', `${cert.pending.status}${cert.pending.statusDetails ? `: ${cert.pending.statusDetails}` : ''}`, 'warning'));
  lines.push(field('subject', cert?.subject));
  lines.push(field('issuer', cert?.issuer));
  const sans = cert?.sans ?? [];
  if (sans.length === 0) lines.push(field('SANs', undefined));
  sans.forEach((san, i) => lines.push(field(i === 0 ? 'SANs' : '', san)));
  lines.push(field('serial', cert?.serialNumber));
  lines.push(field('SHA-1', cert?.thumbprintSha1));
  lines.push(field('SHA-256', cert?.thumbprintSha256));
  lines.push(field('valid from', cert?.validFrom ? formatDate(cert.validFrom, options.now) : undefined));
  const tone = expiryTone(cert?.validTo, options.now);
  lines.push(field('valid to', cert?.validTo ? formatDate(cert.validTo, options.now) : undefined, tone === 'expired' ? 'error' : tone === 'soon' ? 'warning' : undefined));
  lines.push(field('key usage', cert?.keyUsage.length ? cert.keyUsage.join(', ') : undefined));
  lines.push(field('EKUs', cert?.extendedKeyUsage.length ? cert.extendedKeyUsage.join(', ') : undefined));
  lines.push(heading('Properties'), ...commonLines(item, options.now));
  lines.push(heading('Policy'));
  if (!cert?.policy.length) lines.push({ kind: 'text', text: 'not loaded', tone: 'muted' });
  for (const [k, v] of cert?.policy ?? []) lines.push(field(k, v));
  return lines;
}
