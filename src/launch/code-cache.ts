// Where V8's code cache of the kvx script is kept, and how it is read and written. It holds
// compiled code (from kvx's own text, never anything a vault sent), so it is kept where only
// its user can write: $XDG_CACHE_HOME/kvx/code-cache (default ~/.cache/...), the directory
// 0700 and each file 0600, and a file another user could have written is not used. Each
// file is named for the script (its hash, size and time), the Node version and the flags
// Node runs with, since V8 takes a cache only from the same V8 with the same flags. Best effort throughout: a cache
// that cannot be read or written costs the speed it would have given, never the start.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How many cache files are kept (kvx versions × Node versions × flag sets); the oldest go. */
export const KEEP_FILES = 4;

export interface CacheContext {
  env: Record<string, string | undefined>;
  home: string;
  nodeVersion: string;
  arch: string;
  /** Node's own flags (process.execArgv); NODE_OPTIONS comes from env. */
  execArgv: readonly string[];
}

/** FNV-1a, 32 bits: names one set of flags in a file name (no crypto needed before the first frame). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache file for a script with this hash (and this size and time), or undefined when caching is off: Node's own
 * NODE_DISABLE_COMPILE_CACHE turns this cache off too, and a hash must be a plain hex word.
 */
export function codeCacheFile(scriptHash: string, context: CacheContext, script?: { size: number; mtimeMs: number }): string | undefined {
  if (context.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (!/^[0-9a-f]{16,64}$/.test(scriptHash)) return undefined;
  // The XDG spec: a relative path is to be ignored.
  const xdg = context.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(context.home, '.cache');
  // The file's size and time too: V8 checks a cache only against the length of the text, so
  // a script edited in place (its hash line kept) must not meet the cache of the one before.
  const flags = shortHash([...context.execArgv, context.env.NODE_OPTIONS ?? '', script ? `${script.size}:${script.mtimeMs}` : ''].join('\0'));
  return path.join(base, 'kvx', 'code-cache', `${scriptHash}-${context.nodeVersion}-${context.arch}-${flags}.v8`);
}

/** The cache in `file` when it is a regular file of this user's that nobody else may write. */
export function readCodeCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a symbolic link put in its place is not followed.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size === 0) return undefined;
    if ((stat.mode & 0o022) !== 0) return undefined;
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes the cache whole or not at all (a temporary file renamed into place, so a kvx starting
 * meanwhile reads the old file or the new one), then keeps only the newest KEEP_FILES caches.
 * Returns whether it was written.
 */
export function writeCodeCache(file: string, data: Uint8Array): boolean {
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // No directory to leave it in: nothing was written.
    }
    return false;
  }
  pruneCaches(dir, file);
  return true;
}

function pruneCaches(dir: string, keep: string): void {
  try {
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.v8'))
      .map((name) => path.join(dir, name))
      .filter((f) => f !== keep)
      .map((f) => ({ f, mtime: statSync(f).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { f } of files.slice(KEEP_FILES - 1)) rmSync(f, { force: true });
  } catch {
    // Another kvx pruned first, or the directory went away: nothing to keep tidy.
  }
}
