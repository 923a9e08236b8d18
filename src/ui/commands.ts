// The `:` command line: what each command means, parsing, and Tab completion of command
// names (and vault names after `:vault `).
import type { CollectionKind } from '../store/types.js';

export type ParsedCommand =
  | { kind: 'collection'; collection: CollectionKind }
  /** `:secret NAME`, `:key NAME`, `:cert NAME`: open that item directly, without listing. */
  | { kind: 'open'; collection: CollectionKind; name: string }
  | { kind: 'deleted' }
  | { kind: 'vault'; name: string }
  | { kind: 'vaults' }
  | { kind: 'filter'; text: string }
  | { kind: 'sort'; key: string; descending?: boolean }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

export interface CommandSpec {
  name: string;
  aliases: readonly string[];
  args?: string;
  description: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'keys', aliases: ['key', 'k'], args: '[NAME]', description: 'show keys, or open the key NAME' },
  { name: 'secrets', aliases: ['secret', 's'], args: '[NAME]', description: 'show secrets, or open the secret NAME' },
  { name: 'certs', aliases: ['certificates', 'cert', 'c'], args: '[NAME]', description: 'show certificates, or open the certificate NAME' },
  { name: 'deleted', aliases: ['del'], description: 'toggle the deleted-items view' },
  { name: 'vault', aliases: ['v'], args: 'NAME', description: 'open a vault (name or URL)' },
  { name: 'vaults', aliases: [], description: 'list the vaults you can see (through Azure Resource Manager)' },
  { name: 'filter', aliases: ['f'], args: 'TEXT', description: 'filter the current list' },
  { name: 'sort', aliases: [], args: 'name|updated|expires [desc]', description: 'sort the list (desc: reversed)' },
  { name: 'help', aliases: ['h'], description: 'show the keys' },
  { name: 'q', aliases: ['quit', 'q!'], description: 'quit' },
];

function find(word: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === word || c.aliases.includes(word));
}

export function parseCommand(line: string): ParsedCommand {
  const trimmed = line.trim().replace(/^:/, '');
  const space = trimmed.search(/\s/);
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();
  if (word === '') return { kind: 'error', message: 'empty command' };
  const spec = find(word);
  if (!spec) {
    const near = COMMANDS.filter((c) => c.name.startsWith(word[0])).map((c) => `:${c.name}`);
    return { kind: 'error', message: `unknown command :${word}${near.length ? ` (try ${near.join(', ')})` : ''}` };
  }
  switch (spec.name) {
    case 'keys':
    case 'secrets':
    case 'certs': {
      const collection: CollectionKind = spec.name === 'certs' ? 'certificates' : spec.name;
      return rest ? { kind: 'open', collection, name: rest } : { kind: 'collection', collection };
    }
    case 'deleted':
      return { kind: 'deleted' };
    case 'vault':
      return rest ? { kind: 'vault', name: rest } : { kind: 'error', message: ':vault needs a NAME or URL' };
    case 'vaults':
      return { kind: 'vaults' };
    case 'filter':
      return { kind: 'filter', text: rest };
    case 'sort': {
      const [key, order, extra] = rest.split(/\s+/);
      if (!['name', 'updated', 'expires'].includes(key) || (order !== undefined && !['asc', 'desc'].includes(order)) || extra !== undefined) {
        return { kind: 'error', message: ':sort takes name, updated or expires, then optionally asc or desc' };
      }
      return order === 'desc' ? { kind: 'sort', key, descending: true } : { kind: 'sort', key };
    }
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'quit' };
  }
}

/** Candidates for what is typed so far: command names, or vault names after `vault `. */
export function completions(line: string, vaultNames: readonly string[]): string[] {
  const space = line.search(/\s/);
  if (space === -1) {
    const word = line.toLowerCase();
    // A required argument gets its space; an optional one ([NAME]) does not.
    return COMMANDS.filter((c) => c.name.startsWith(word)).map((c) => c.name + (c.args && !c.args.startsWith('[') ? ' ' : ''));
  }
  const word = line.slice(0, space).toLowerCase();
  const rest = line.slice(space + 1).trimStart();
  if (find(word)?.name === 'vault') {
    return vaultNames.filter((n) => n.toLowerCase().startsWith(rest.toLowerCase())).map((n) => `vault ${n}`);
  }
  if (find(word)?.name === 'sort') {
    return ['name', 'updated', 'expires'].filter((k) => k.startsWith(rest)).map((k) => `sort ${k}`);
  }
  return [];
}

/** Tab: the single candidate, or the longest common prefix of several; the line unchanged if none. */
export function complete(line: string, vaultNames: readonly string[]): string {
  const all = completions(line, vaultNames);
  if (all.length === 0) return line;
  if (all.length === 1) return all[0];
  let prefix = all[0];
  for (const c of all) {
    while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix.length > line.length ? prefix : line;
}
