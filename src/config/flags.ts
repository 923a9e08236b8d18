// The command-line flags as data: the parser and `--help` are both generated from this table,
// so a flag cannot exist without a description.

export type FlagType = 'boolean' | 'string' | 'number';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Placeholder shown in --help for valued flags. */
  value?: string;
  description: string;
  /** May be given more than once (collects into an array). */
  repeatable?: boolean;
  /** Inclusive numeric range, checked by the parser. */
  min?: number;
  max?: number;
}

export const appFlags: readonly FlagSpec[] = [
  { name: 'demo', type: 'boolean', description: 'open kvx on built-in demo vaults served by a local emulator' },
  {
    name: 'demo-identity',
    type: 'string',
    value: 'NAME',
    description: 'with --demo, sign in as system, kvx-app, kvx-reader (no certificate list) or alice',
  },
  { name: 'read-only', type: 'boolean', description: 'refuse every change (create, edit, delete, recover, purge)' },
  { name: 'ca-file', type: 'string', value: 'PATH', description: 'trust this CA (PEM) for vaults on loopback addresses, e.g. `kvx emulator`' },
  { name: 'cloud', type: 'string', value: 'NAME', description: 'AzureCloud (default), AzureUSGovernment or AzureChinaCloud: ARM, sign-in and vault DNS' },
  { name: 'arm-endpoint', type: 'string', value: 'URL', description: 'find vaults through this Resource Manager, e.g. `kvx emulator`\'s armEndpoint' },
  { name: 'tenant', type: 'string', value: 'ID', description: 'Microsoft Entra tenant to sign in to (default: from the environment)' },
  { name: 'client-id', type: 'string', value: 'ID', description: 'client id of a user-assigned managed identity to sign in with' },
  { name: 'config', type: 'string', value: 'PATH', description: 'read settings from this file (default: ~/.config/kvx/config.json)' },
  { name: 'log', type: 'string', value: 'FILE', description: 'append a request log (method, path, status, time, request id; never bodies, tokens or values) and the SDK\'s AZURE_LOG_LEVEL output to FILE' },
  {
    name: 'clipboard-clear',
    type: 'number',
    value: 'SECONDS',
    min: 0,
    max: 86400,
    description: 'clear the clipboard this long after copying a secret value (default 30; 0 never)',
  },
  { name: 'no-color', type: 'boolean', description: 'do not use colours (also honoured: NO_COLOR)' },
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help and exit' },
  { name: 'version', short: 'V', type: 'boolean', description: 'print the version and exit' },
];

export type FlagValues = Record<string, string | number | boolean | string[] | number[] | undefined>;

export interface ParsedArgs {
  flags: FlagValues;
  positionals: string[];
}

/** A usage error: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Recognises a UsageError by its name, so a copy of the class from another bundle counts too. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

function describeAllowed(specs: readonly FlagSpec[]): string {
  return specs.map((s) => `--${s.name}`).join(', ');
}

function parseValue(spec: FlagSpec, raw: string): string | number {
  if (spec.type === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || !Number.isInteger(n)) {
      throw new UsageError(`--${spec.name} takes a whole number, not "${raw}"`);
    }
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      throw new UsageError(`--${spec.name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, not ${n}`);
    }
    return n;
  }
  if (raw === '') throw new UsageError(`--${spec.name} needs a value (${spec.value ?? 'VALUE'})`);
  return raw;
}

/** Parses argv against a flag table; `--` ends flags. Throws UsageError naming the culprit. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags: FlagValues = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: FlagSpec | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
    } else {
      name = arg.slice(1);
      spec = byShort.get(name);
    }
    if (!spec) {
      throw new UsageError(`unknown flag ${arg}; allowed: ${describeAllowed(specs)} (see --help)`);
    }
    let value: string | number | boolean;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      value = true;
    } else {
      const raw = inline ?? argv[++i];
      if (raw === undefined) throw new UsageError(`--${spec.name} needs a value (${spec.value ?? 'VALUE'})`);
      value = parseValue(spec, raw);
    }
    if (spec.repeatable) {
      const list = (flags[spec.name] as (string | number)[] | undefined) ?? [];
      flags[spec.name] = [...list, value as string] as string[];
    } else {
      flags[spec.name] = value;
    }
  }
  return { flags, positionals };
}

/** `--help` text: one line per flag, aligned. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => {
    const short = s.short ? `-${s.short}, ` : '    ';
    const value = s.type === 'boolean' ? '' : ` ${s.value ?? 'VALUE'}`;
    return `  ${short}--${s.name}${value}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => left[i].padEnd(width) + s.description + (s.repeatable ? ' (repeatable)' : '')).join('\n');
}
