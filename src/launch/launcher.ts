// Runs the kvx script (dist/kvx.cjs, scripts/bundle.js) with V8's code cache of it, taken
// once kvx has drawn its first rows (save-code-cache.ts) rather than right after compiling.
// Node's own compile cache (module.enableCompileCache) is made before the code runs, so it
// holds only the top level: every function was still compiled on its first call, at every
// start — the first frame, the SDK's pipeline and sign-in, the first rows — ~50 ms on the way
// to the first rows on a 2-core VM. A cache made after they ran holds them compiled.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { CacheContext } from './code-cache.js';
import { codeCacheFile, readCodeCache, writeCodeCache } from './code-cache.js';
import { offerCodeCache } from './code-cache-hook.js';

/** The script's last line (scripts/bundle.js writes it): a hash of the text before it. */
export const SCRIPT_HASH_PREFIX = '// kvx-script ';

export type CacheStatus = 'off' | 'missing' | 'accepted' | 'rejected';

export interface Launched {
  cacheFile?: string;
  /** What became of the cache: none kept ('off'), none yet, taken by V8, or refused (to be replaced). */
  cache: CacheStatus;
  /** Settles once kvx took the cache: written (true) or not (false); undefined when none is due. */
  saved?: Promise<boolean>;
}

export interface LaunchOptions {
  context?: CacheContext;
}

/** The hash on the script's last line, if it has one. */
export function scriptHash(source: string): string | undefined {
  const at = source.lastIndexOf(SCRIPT_HASH_PREFIX);
  if (at < 0) return undefined;
  const hash = source.slice(at + SCRIPT_HASH_PREFIX.length).trim();
  return /^[0-9a-f]+$/.test(hash) ? hash : undefined;
}

/**
 * ASCII text (what the build makes) is read as Latin-1: one byte a character, ~10× faster
 * than UTF-8, and Node keeps text this large outside V8's heap.
 */
function readScript(file: string): { source: string; size: number; mtimeMs: number } {
  const fd = openSync(file, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    const bytes = readFileSync(fd);
    return { source: isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'), size, mtimeMs };
  } finally {
    closeSync(fd);
  }
}

const defaultContext = (): CacheContext => ({ env: process.env, home: homedir(), nodeVersion: process.version, arch: process.arch, execArgv: process.execArgv });

/** Runs the script as Node runs a CommonJS main module, with the code cache when there is one. */
export function launch(file: string, options: LaunchOptions = {}): Launched {
  const { source, size, mtimeMs } = readScript(file);
  const hash = scriptHash(source);
  const cacheFile = hash === undefined ? undefined : codeCacheFile(hash, options.context ?? defaultContext(), { size, mtimeMs });
  const cachedData = cacheFile === undefined ? undefined : readCodeCache(cacheFile);
  // The script is the function Node would wrap a CommonJS module in (scripts/bundle.js), and
  // is compiled as read: a copy with a wrapper added would put 4 MB more in V8's heap (text
  // read as below stays outside it).
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    // Ink's DEV=true devtools bridge is the only import() left in the script.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CacheStatus = cacheFile === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const launched: Launched = { cacheFile, cache };
  if (cacheFile !== undefined && cache !== 'accepted') {
    // Offered to kvx, which takes it when what a start runs has run. Once: a cache V8 refuses
    // next time is replaced by that start.
    launched.saved = new Promise((resolve) => {
      let taken = false;
      offerCodeCache({
        save() {
          if (taken) return false;
          taken = true;
          offerCodeCache(undefined);
          let written = false;
          try {
            written = writeCodeCache(cacheFile, script.createCachedData());
          } catch {
            // V8 could not serialize it: this start stays uncached, like one that quit early.
          }
          resolve(written);
          return written;
        },
      });
    });
  }
  const main: unknown = script.runInThisContext();
  if (typeof main !== 'function') throw new Error(`${file} is not a kvx script (one wrapped function): build it again with npm run build`);
  const module = { exports: {} };
  main(module.exports, createRequire(file), module, file, path.dirname(file));
  return launched;
}
