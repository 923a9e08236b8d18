// TLS material for the vault servers: a CA and a leaf for localhost, 127.0.0.1 and ::1,
// generated with x509/ and cached across runs (so a cold start pays no key generation), or
// a certificate and key the user gives.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTlsBundle } from './x509/index.js';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** PEM of the CA clients should trust. */
  caPem: string;
  /** A file holding caPem, for clients configured by path (NODE_EXTRA_CA_CERTS, curl --cacert). */
  caFile?: string;
}

const BUNDLE_FILE = 'bundle.json';
const VALID_DAYS = 90;
/** Regenerate when less than this is left, so a long-running emulator does not expire mid-run. */
const RENEW_BEFORE_MS = 2 * 86_400_000;

export function defaultTlsCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kvx', 'emulator-tls');
}

/** The user's certificate and key (PEM); the CA to trust is `ca` when given, else the certificate itself. */
export function userTlsMaterial(cert: string, key: string, ca?: string): TlsMaterial {
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
  } catch {
    throw new Error('The TLS certificate is not a PEM X.509 certificate.');
  }
  if (!parsed.checkPrivateKey(createPrivateKeyOrThrow(key))) {
    throw new Error('The TLS key does not belong to the TLS certificate.');
  }
  return { cert, key, caPem: ca ?? cert };
}

function createPrivateKeyOrThrow(key: string) {
  try {
    return createPrivateKey(key);
  } catch {
    throw new Error('The TLS key is not a PEM private key.');
  }
}

/** The cached CA + leaf when still valid for long enough, else a fresh pair written to the cache. */
export async function loadOrCreateTlsMaterial(cacheDir = defaultTlsCacheDir(), now = Date.now()): Promise<TlsMaterial> {
  const cached = readCached(cacheDir, now);
  if (cached) return withCaFile(cacheDir, cached);
  const bundle = await createTlsBundle({ validDays: VALID_DAYS });
  const material = { key: bundle.keyPem, cert: bundle.certPem, caPem: bundle.caPem };
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // Private keys inside: owner-only. Written to a temporary name and renamed, so a
    // concurrent start never reads half a file.
    writeAtomic(cacheDir, BUNDLE_FILE, JSON.stringify(material), 0o600);
    removeExpiredCaFiles(cacheDir, now);
  } catch {
    // A read-only home still gets a working emulator, only without the cache.
    return material;
  }
  return withCaFile(cacheDir, material);
}

function readCached(cacheDir: string, now: number): TlsMaterial | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(cacheDir, BUNDLE_FILE), 'utf8')) as Partial<TlsMaterial>;
    if (typeof parsed.key !== 'string' || typeof parsed.cert !== 'string' || typeof parsed.caPem !== 'string') return undefined;
    const leaf = new X509Certificate(parsed.cert);
    const ca = new X509Certificate(parsed.caPem);
    for (const cert of [leaf, ca]) {
      if (Date.parse(cert.validTo) - now < RENEW_BEFORE_MS || Date.parse(cert.validFrom) > now) return undefined;
    }
    if (!leaf.checkIssued(ca) || !leaf.checkHost('localhost') || !leaf.checkIP('127.0.0.1') || !leaf.checkIP('::1')) {
      return undefined;
    }
    return { key: parsed.key, cert: parsed.cert, caPem: parsed.caPem };
  } catch {
    return undefined;
  }
}

/** The CA goes to a file named by its hash, so concurrent starts never point at each other's CA. */
function withCaFile(cacheDir: string, material: TlsMaterial): TlsMaterial {
  const name = caFileName(material.caPem);
  const file = path.join(cacheDir, name);
  try {
    if (readFileSync(file, 'utf8') === material.caPem) return { ...material, caFile: file };
  } catch {
    // not there yet
  }
  try {
    writeAtomic(cacheDir, name, material.caPem, 0o644);
    return { ...material, caFile: file };
  } catch {
    return material;
  }
}

function caFileName(caPem: string): string {
  return `ca-${createHash('sha256').update(caPem).digest('hex').slice(0, 16)}.pem`;
}

/** CA files of bundles that have expired; a newer CA file may belong to an emulator still running. */
function removeExpiredCaFiles(cacheDir: string, now: number): void {
  for (const file of readdirSync(cacheDir)) {
    if (!/^ca-[0-9a-f]{16}\.pem$/.test(file)) continue;
    const full = path.join(cacheDir, file);
    if (now - statSync(full).mtimeMs > (VALID_DAYS + 1) * 86_400_000) rmSync(full, { force: true });
  }
}

function writeAtomic(dir: string, name: string, content: string, mode: number): void {
  const tmp = path.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path.join(dir, name));
}
