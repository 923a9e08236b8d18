// Details of a key: type, size or curve, permitted operations and the public key as PEM.
import type { ItemDetails } from '../store/types.js';
import type { DetailLine } from './detail-lines.js';
import { commonLines, field, heading, textLines } from './detail-lines.js';

export function keyLines(item: ItemDetails, options: { now: number; width: number }): DetailLine[] {
  const key = item.key;
  const lines: DetailLine[] = [heading('Key')];
  lines.push(field('type', key?.keyType ?? item.keyType));
  if (key?.keySize) lines.push(field('size', `${key.keySize} bits`));
  if (key?.curve) lines.push(field('curve', key.curve));
  lines.push(field('operations', key?.keyOps.length ? key.keyOps.join(', ') : undefined));
  lines.push(heading('Properties'), ...commonLines(item, options.now));
  lines.push(heading('Public key'));
  if (key?.publicKeyPem) lines.push(...textLines(key.publicKeyPem, options.width, 'accent'));
  else lines.push({ kind: 'text', text: key?.keyType?.startsWith('oct') ? 'symmetric key: no public part' : '—', tone: 'muted' });
  return lines;
}
