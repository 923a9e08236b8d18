// Flags of `kvx emulator`: parsed into EmulatorOptions, each bad flag or value named in the error
// (a UsageError: exit 2). Messages quote what was typed; main.ts escapes them for the terminal.
import { readFileSync } from 'node:fs';
import type { EmulatorOptions, VaultOptions } from './index.js';
import { checkLoopbackHost, resolveVaults } from './emulator-options.js';
import { userTlsMaterial } from './tls.js';
import { parsePermission } from './faults.js';
import type { FaultSettings } from './faults.js';
import { SEED_NAMES } from './seed.js';
import type { SeedName } from './seed.js';

export class UsageError extends Error {}

interface FlagSpec {
  name: string;
  value?: string;
  help: string;
}

export const EMULATOR_FLAGS: readonly FlagSpec[] = [
  { name: '--vault', value: 'NAME', help: 'add a vault (repeatable; default: contoso-prod/-dev/-payments with --seed demo, else kvx-local)' },
  { name: '--port', value: 'N', help: 'first port; vault i listens on N+i (default: any free port)' },
  { name: '--host', value: 'ADDR', help: 'loopback address to bind: 127.0.0.1 (default), ::1 or localhost' },
  { name: '--seed', value: 'demo|empty', help: 'initial contents (default: empty)' },
  { name: '--seed-random', value: 'TEXT', help: 'seed string for the demo contents (default: kvx-demo)' },
  { name: '--latency', value: 'MS', help: 'delay every request by MS milliseconds' },
  { name: '--jitter', value: 'MS', help: 'plus a random 0..MS milliseconds' },
  { name: '--delete-delay', value: 'MS', help: 'time before a deleted item shows under /deleted* (default: 0)' },
  { name: '--purge-delay', value: 'MS', help: 'time a purge takes; the name stays taken meanwhile (default: 0)' },
  { name: '--issue-delay', value: 'MS', help: 'time a created certificate stays inProgress (default: 1500 with --seed demo, else 0)' },
  { name: '--recoverable-days', value: 'N', help: 'soft-delete retention, 7 to 90 days (default: 90)' },
  { name: '--purge-protection', help: 'purge-protected vaults: purge answers 403' },
  { name: '--throttle-rate', value: 'R', help: 'answer a fraction R (0..1) of requests with 429' },
  { name: '--retry-after', value: 'MS', help: 'Retry-After sent with a 429 (default: 1000)' },
  { name: '--error-rate', value: 'R', help: 'answer a fraction R (0..1) of requests with a server error' },
  { name: '--error-status', value: '500|503', help: 'status of those errors (default: 503)' },
  { name: '--reset-rate', value: 'R', help: 'reset the connection of a fraction R (0..1) of requests' },
  { name: '--forbid', value: 'PERM', help: 'answer 403 for a permission: secrets, keys/sign, ... (repeatable)' },
  { name: '--strict', help: 'accept only tokens from the identity endpoints; enforce access policies (403s)' },
  { name: '--tenant', value: 'GUID', help: 'tenant of the identities, tokens and auth challenge (default: fixed)' },
  { name: '--cert', value: 'FILE', help: 'PEM certificate to serve instead of a generated one (needs --key)' },
  { name: '--key', value: 'FILE', help: 'PEM private key of --cert' },
  { name: '--ca', value: 'FILE', help: 'PEM CA that clients should trust for --cert (default: the certificate)' },
  { name: '--help', help: 'show this help' },
];

export function emulatorUsage(): string {
  const rows = EMULATOR_FLAGS.map((f) => [f.value ? `${f.name} ${f.value}` : f.name, f.help]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    'Usage: kvx emulator [flags]',
    '',
    'Runs a local Azure Key Vault emulator over HTTPS on loopback. When every vault listens it',
    'prints one JSON line to stdout: {"vaults":[{"name","url"}],"caFile","tenantId",',
    '"identityEndpoint","env","armEndpoint","strict","adminToken"}; export `env` in a client',
    'process to get managed-identity tokens from the emulator. Then it logs one line per request',
    'to stderr. Ctrl-C or SIGTERM stops it. Admin API: /_emulator/faults, /_emulator/vault,',
    '/_emulator/access-policies, each with the header x-kvx-admin-token: <adminToken>.',
    '',
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`),
    '',
  ].join('\n');
}

export interface ParsedCli {
  help: boolean;
  options: EmulatorOptions;
  /** File the CA came from when given with --ca/--cert. */
  caFile?: string;
}

function number(flag: string, raw: string, min: number, max: number, integer: boolean): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag}: '${raw}' is not ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`);
  }
  return n;
}

function readPem(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag}: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
}

function usage<T>(flag: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

export function parseEmulatorArgs(argv: readonly string[]): ParsedCli {
  const options: EmulatorOptions = {};
  const faults: FaultSettings = {};
  const vaults: string[] = [];
  const forbidden: string[] = [];
  let purgeProtection = false;
  let recoverableDays: number | undefined;
  let certFile: string | undefined;
  let keyFile: string | undefined;
  let caFile: string | undefined;
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const spec = EMULATOR_FLAGS.find((f) => f.name === flag);
    if (!spec) throw new UsageError(`Unknown flag '${arg}'.`);
    let value = '';
    if (spec.value) {
      if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value: ${flag} ${spec.value}.`);
        value = next;
        i++;
      }
    } else if (eq > 0) {
      throw new UsageError(`${flag} takes no value.`);
    }
    switch (flag) {
      case '--help':
        help = true;
        break;
      case '--vault':
        vaults.push(value);
        break;
      case '--port':
        options.port = number(flag, value, 0, 65535, true);
        break;
      case '--host':
        options.host = value;
        break;
      case '--seed':
        if (!SEED_NAMES.includes(value as SeedName)) throw new UsageError(`--seed: '${value}' is not one of ${SEED_NAMES.join(', ')}.`);
        options.seed = value as SeedName;
        break;
      case '--seed-random':
        options.seedRandom = value;
        break;
      case '--latency':
        faults.latencyMs = number(flag, value, 0, 600_000, false);
        break;
      case '--jitter':
        faults.jitterMs = number(flag, value, 0, 600_000, false);
        break;
      case '--delete-delay':
        options.deleteDelayMs = number(flag, value, 0, 3_600_000, false);
        break;
      case '--purge-delay':
        options.purgeDelayMs = number(flag, value, 0, 3_600_000, false);
        break;
      case '--issue-delay':
        options.certificateIssueDelayMs = number(flag, value, 0, 3_600_000, false);
        break;
      case '--recoverable-days':
        recoverableDays = number(flag, value, 7, 90, true);
        break;
      case '--purge-protection':
        purgeProtection = true;
        break;
      case '--throttle-rate':
        faults.throttleRate = number(flag, value, 0, 1, false);
        break;
      case '--retry-after':
        faults.retryAfterMs = number(flag, value, 0, 600_000, false);
        break;
      case '--error-rate':
        faults.errorRate = number(flag, value, 0, 1, false);
        break;
      case '--error-status': {
        const status = number(flag, value, 500, 503, true);
        if (status !== 500 && status !== 503) throw new UsageError(`--error-status: '${value}' is not 500 or 503.`);
        faults.errorStatus = status;
        break;
      }
      case '--reset-rate':
        faults.resetRate = number(flag, value, 0, 1, false);
        break;
      case '--forbid':
        try {
          forbidden.push(parsePermission(value));
        } catch (err) {
          throw new UsageError(`--forbid: ${(err as Error).message}`);
        }
        break;
      case '--strict':
        options.strict = true;
        break;
      case '--tenant':
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
          throw new UsageError(`--tenant: '${value.slice(0, 60)}' is not a GUID like 00000000-0000-0000-0000-000000000000.`);
        }
        options.tenantId = value;
        break;
      case '--cert':
        certFile = value;
        break;
      case '--key':
        keyFile = value;
        break;
      case '--ca':
        caFile = value;
        break;
    }
  }
  if (help) return { help, options };
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--cert and --key go together: give both or neither.');
  if (caFile !== undefined && certFile === undefined) throw new UsageError('--ca only applies with --cert and --key.');
  if (certFile !== undefined && keyFile !== undefined) {
    options.cert = readPem('--cert', certFile);
    options.key = readPem('--key', keyFile);
    if (caFile !== undefined) options.ca = readPem('--ca', caFile);
    usage('--cert/--key', () => userTlsMaterial(options.cert as string, options.key as string, options.ca));
  }
  if (forbidden.length > 0) faults.forbidden = forbidden;
  if (Object.keys(faults).length > 0) options.faults = faults;
  if (vaults.length > 0) options.vaults = vaults;
  if (purgeProtection || recoverableDays !== undefined) {
    const defaults: Omit<VaultOptions, 'name'> = {};
    if (purgeProtection) defaults.purgeProtection = true;
    if (recoverableDays !== undefined) defaults.recoverableDays = recoverableDays;
    options.vaultDefaults = defaults;
  }
  // What startEmulator would refuse is a usage error too (exit 2), said before anything starts.
  if (options.host !== undefined) usage('--host', () => checkLoopbackHost(options.host as string));
  const resolved = usage('--vault', () => resolveVaults(options));
  if (options.port !== undefined && options.port !== 0 && options.port + resolved.length - 1 > 65535) {
    throw new UsageError(`--port: not enough ports above ${options.port} for ${resolved.length} vaults.`);
  }
  return { help, options, caFile: caFile ?? certFile };
}
