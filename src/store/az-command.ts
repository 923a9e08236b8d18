// The Azure CLI command that does what kvx did (or shows what kvx shows), for the incident
// channel and for people who script it next time. Pure: built from the action's inputs, never
// from a secret value — a value is always the placeholder `"$VALUE"` (a password `"$PASSWORD"`).
import type { CollectionKind } from './types.js';

const NOUN: Record<CollectionKind, string> = { secrets: 'secret', keys: 'key', certificates: 'certificate' };

/** Attribute changes as the forms give them; undefined leaves a value alone. */
export interface AzAttributes {
  enabled?: boolean;
  notBefore?: Date;
  expiresOn?: Date;
  /** Replaces all tags when given ({} clears them). */
  tags?: Readonly<Record<string, string>>;
}

/** A new secret or a new version of one: everything but the value. */
export interface AzSecretSet extends AzAttributes {
  op: 'createSecret' | 'setSecretVersion';
  vault: string;
  name: string;
  contentType?: string;
}

/** What kvx did or shows, with what az needs to do the same. `vault` is the vault's name. */
export type AzAction =
  | { op: 'show'; kind: CollectionKind; vault: string; name: string; version?: string; deleted?: boolean }
  | AzSecretSet
  | ({ op: 'update'; kind: CollectionKind; vault: string; name: string; version?: string; contentType?: string; keyOps?: readonly string[] } & AzAttributes)
  | { op: 'delete' | 'recover' | 'purge' | 'deleteAndPurge'; kind: CollectionKind; vault: string; name: string }
  | { op: 'rotate'; vault: string; name: string }
  | ({ op: 'createKey'; vault: string; name: string; keyType: string; keySize?: number; curve?: string; keyOps?: readonly string[] } & AzAttributes)
  | {
      op: 'createCertificate';
      vault: string;
      name: string;
      subject: string;
      dnsNames: readonly string[];
      validityInMonths: number;
      keyType: 'RSA' | 'EC';
      keySize?: number;
      curve?: string;
      format: 'PEM' | 'PFX';
      enabled?: boolean;
      tags?: Readonly<Record<string, string>>;
    }
  | { op: 'importCertificate'; vault: string; name: string; file: string; password: boolean; enabled?: boolean; tags?: Readonly<Record<string, string>> }
  | { op: 'downloadCertificate'; vault: string; name: string; version?: string; format: 'pem' | 'der'; path: string }
  | { op: 'cancelCertificate'; vaultUrl: string; name: string };

// Characters a POSIX shell leaves alone outside quotes.
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what needs ANSI-C quoting
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * One shell word. Control characters (possible in tag values from a vault) use bash's $'…' with
 * \xNN escapes, so the command is both exact when pasted and safe to show in a terminal.
 */
export function shellQuote(word: string): string {
  if (word !== '' && PLAIN.test(word)) return word;
  if (CONTROL.test(word)) {
    const body = [...word]
      .map((ch) => {
        const code = ch.codePointAt(0)!;
        if (ch === '\\' || ch === "'") return `\\${ch}`;
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
        return ch;
      })
      .join('');
    return `$'${body}'`;
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An ISO date the CLI accepts ("2027-01-31T00:00:00Z"). */
function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function tagWords(tags: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(tags);
  // `--tags ''` is how the CLI clears every tag.
  if (entries.length === 0) return ['--tags', "''"];
  return ['--tags', ...entries.map(([k, v]) => shellQuote(`${k}=${v}`))];
}

function attributeWords(a: AzAttributes, enabledFlag: 'enabled' | 'disabled'): string[] {
  const out: string[] = [];
  if (a.enabled !== undefined) {
    if (enabledFlag === 'enabled') out.push('--enabled', String(a.enabled));
    else if (!a.enabled) out.push('--disabled', 'true');
  }
  if (a.notBefore) out.push('--not-before', isoDate(a.notBefore));
  if (a.expiresOn) out.push('--expires', isoDate(a.expiresOn));
  if (a.tags) out.push(...tagWords(a.tags));
  return out;
}

function base(kind: CollectionKind, verb: string, vault: string, name: string): string[] {
  return ['az', 'keyvault', NOUN[kind], verb, '--vault-name', shellQuote(vault), '--name', shellQuote(name)];
}

function certificatePolicy(a: Extract<AzAction, { op: 'createCertificate' }>): string {
  const keyProperties =
    a.keyType === 'EC'
      ? { keyType: 'EC', curve: a.curve ?? 'P-256', exportable: true, reuseKey: false }
      : { keyType: 'RSA', keySize: a.keySize ?? 2048, exportable: true, reuseKey: false };
  return JSON.stringify({
    issuerParameters: { name: 'Self' },
    keyProperties,
    secretProperties: { contentType: a.format === 'PEM' ? 'application/x-pem-file' : 'application/x-pkcs12' },
    x509CertificateProperties: {
      subject: a.subject,
      ...(a.dnsNames.length > 0 ? { subjectAlternativeNames: { dnsNames: a.dnsNames } } : {}),
      validityInMonths: a.validityInMonths,
    },
  });
}

/** The az command(s) for an action: one line, or several for a two-step action. */
export function azCommand(a: AzAction): string {
  const line = (words: readonly string[]) => words.join(' ');
  switch (a.op) {
    case 'show': {
      const words = base(a.kind, a.deleted ? 'show-deleted' : 'show', a.vault, a.name);
      if (a.version && !a.deleted) words.push('--version', shellQuote(a.version));
      // `secret show` prints the value; the query keeps it off the screen.
      if (a.kind === 'secrets' && !a.deleted) words.push('--query', shellQuote('{id:id, attributes:attributes, contentType:contentType, tags:tags}'));
      return line(words);
    }
    case 'createSecret':
    case 'setSecretVersion': {
      const words = [...base('secrets', 'set', a.vault, a.name), '--value', '"$VALUE"'];
      if (a.contentType !== undefined) words.push('--content-type', shellQuote(a.contentType));
      return line([...words, ...attributeWords(a, 'disabled')]);
    }
    case 'update': {
      const words = base(a.kind, 'set-attributes', a.vault, a.name);
      if (a.version) words.push('--version', shellQuote(a.version));
      words.push(...attributeWords(a, 'enabled'));
      if (a.kind === 'secrets' && a.contentType !== undefined) words.push('--content-type', shellQuote(a.contentType));
      if (a.kind === 'keys' && a.keyOps) words.push('--ops', ...a.keyOps.map(shellQuote));
      return line(words);
    }
    case 'delete':
    case 'recover':
    case 'purge':
      return line(base(a.kind, a.op, a.vault, a.name));
    case 'deleteAndPurge':
      return [
        line(base(a.kind, 'delete', a.vault, a.name)),
        `# then, once the delete has finished (show-deleted answers):`,
        line(base(a.kind, 'purge', a.vault, a.name)),
      ].join('\n');
    case 'rotate':
      return line(base('keys', 'rotate', a.vault, a.name));
    case 'createKey': {
      const words = [...base('keys', 'create', a.vault, a.name), '--kty', shellQuote(a.keyType)];
      if (a.curve) words.push('--curve', shellQuote(a.curve));
      if (a.keySize !== undefined) words.push('--size', String(a.keySize));
      if (a.keyOps && a.keyOps.length > 0) words.push('--ops', ...a.keyOps.map(shellQuote));
      return line([...words, ...attributeWords(a, 'disabled')]);
    }
    case 'createCertificate': {
      const words = [...base('certificates', 'create', a.vault, a.name), '--policy', shellQuote(certificatePolicy(a))];
      if (a.enabled === false) words.push('--disabled', 'true');
      if (a.tags) words.push(...tagWords(a.tags));
      return line(words);
    }
    case 'importCertificate': {
      const words = [...base('certificates', 'import', a.vault, a.name), '--file', shellQuote(a.file)];
      if (a.password) words.push('--password', '"$PASSWORD"');
      if (a.enabled === false) words.push('--disabled', 'true');
      if (a.tags) words.push(...tagWords(a.tags));
      return line(words);
    }
    case 'downloadCertificate': {
      const words = base('certificates', 'download', a.vault, a.name);
      if (a.version) words.push('--version', shellQuote(a.version));
      words.push('--file', shellQuote(a.path), '--encoding', a.format === 'pem' ? 'PEM' : 'DER');
      return line(words);
    }
    case 'cancelCertificate': {
      // The CLI has no cancel (only `pending show|merge|delete`); the REST call it would make:
      const url = `${a.vaultUrl.replace(/\/+$/, '')}/certificates/${encodeURIComponent(a.name)}/pending?api-version=7.4`;
      // The token's resource follows the vault's cloud: vault.azure.net, vault.azure.cn, vault.usgovcloudapi.net…
      const host = new URL(a.vaultUrl).hostname;
      const at = host.indexOf('.vault.');
      const resource = at === -1 ? 'https://vault.azure.net' : `https://${host.slice(at + 1)}`;
      return line([
        'az',
        'rest',
        '--method',
        'patch',
        '--url',
        shellQuote(url),
        '--resource',
        resource,
        '--body',
        shellQuote('{"cancellation_requested": true}'),
      ]);
    }
  }
}
