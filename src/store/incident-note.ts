// `:note` — a Markdown summary for the incident channel: the item on screen (never its value)
// and what kvx did this session, each with the az command that does the same. Pure: it is
// built from what the snapshot already holds, so it cannot contain a value the store never
// put there (revealed values live apart, in `snapshot.revealed`, and are not an input here).
import { escapeControl } from '../text/escape-control.js';
import type { CollectionKind, IdentityInfo, ItemDetails, Operation } from './types.js';
import { OPERATION_VERB } from './types.js';

const NOUN: Record<CollectionKind | 'vaults', string> = { secrets: 'secret', keys: 'key', certificates: 'certificate', vaults: 'vault' };

export interface NoteInput {
  /** The item on screen, with whatever details were loaded. */
  item?: ItemDetails;
  /** The vault's display name (its URL is in the item). */
  vaultName?: string;
  identity?: IdentityInfo;
  operations: readonly Operation[];
  now: number;
}

/** Text from a vault inside Markdown inline code: control characters escaped, backticks kept from closing it. */
export function code(text: string): string {
  const safe = escapeControl(text).replace(/`/g, 'ˋ');
  return `\`${safe}\``;
}

function utc(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z').replace('T', ' ');
}

function itemLines(item: ItemDetails, vaultName: string | undefined, now: number): string[] {
  const vault = vaultName ?? new URL(item.vaultUrl).hostname.split('.')[0];
  const lines = [`**${NOUN[item.kind]}** ${code(item.name)} in vault ${code(vault)} (${item.vaultUrl})`, ''];
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') lines.push(`- ${label}: ${value}`);
  };
  row('version', item.version ? code(item.version) : undefined);
  row('enabled', item.enabled === undefined ? undefined : item.enabled ? 'yes' : '**no**');
  row('created', item.createdOn && utc(item.createdOn));
  row('updated', item.updatedOn && utc(item.updatedOn));
  row('not before', item.notBefore && utc(item.notBefore));
  row('expires', item.expiresOn && `${utc(item.expiresOn)}${item.expiresOn.getTime() < now ? ' (**expired**)' : ''}`);
  row('deleted', item.deletedOn && utc(item.deletedOn));
  row('scheduled purge', item.scheduledPurgeDate && utc(item.scheduledPurgeDate));
  if (item.kind === 'secrets') row('content type', item.contentType && code(item.contentType));
  if (item.kind === 'keys') row('key type', item.key?.keyType ? code([item.key.keyType, item.key.keySize ?? item.key.curve].filter(Boolean).join(' ')) : undefined);
  const tags = Object.entries(item.tags);
  row('tags', tags.length === 0 ? undefined : tags.map(([k, v]) => code(`${k}=${v}`)).join(', '));
  const cert = item.certificate;
  if (cert) {
    row('subject', cert.subject && code(cert.subject));
    row('issuer', cert.issuer && code(cert.issuer));
    row('SANs', cert.sans.length === 0 ? undefined : cert.sans.map(code).join(', '));
    row('thumbprint (SHA-1)', cert.thumbprintSha1 && code(cert.thumbprintSha1));
    row('valid', cert.validFrom && cert.validTo ? `${utc(cert.validFrom)} → ${utc(cert.validTo)}` : undefined);
    row('pending', cert.pending ? code(cert.pending.status) : undefined);
  }
  return lines;
}

function operationLines(operations: readonly Operation[]): string[] {
  if (operations.length === 0) return ['_No changes made with kvx this session._'];
  const out: string[] = [];
  for (const op of operations) {
    const result = op.state === 'failed' ? `failed: ${escapeControl(op.error?.message ?? op.detail)}` : op.state === 'running' ? `still running (${escapeControl(op.detail)})` : `${op.state} (${escapeControl(op.detail)})`;
    out.push(`- ${utc(op.startedAt)} — ${OPERATION_VERB[op.kind]} ${NOUN[op.collection]} ${code(`${op.vault}/${op.target}`)}: ${result}`);
    if (op.az) {
      out.push('  ```sh');
      for (const line of op.az.split('\n')) out.push(`  ${escapeControl(line)}`);
      out.push('  ```');
    }
  }
  return out;
}

/** The note as Markdown. Never contains a secret value: none of its inputs holds one. */
export function incidentNote(input: NoteInput): string {
  const lines = [`### kvx note — ${utc(input.now)}`, ''];
  if (input.identity) lines.push(`Signed in as ${code(input.identity.display)}${input.identity.tenantId ? ` (tenant ${code(input.identity.tenantId)})` : ''}.`, '');
  lines.push(...(input.item ? itemLines(input.item, input.vaultName, input.now) : ['_No item open._']), '', '**Changes this session**', '', ...operationLines(input.operations));
  return `${lines.join('\n')}\n`;
}
