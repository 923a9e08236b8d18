// kvx keeps V8's code cache of its script from its first session that showed rows for a
// moment (src/launch/, src/save-code-cache.ts): what every later start runs on. Benchmarks
// of starts measure those later starts, so they first run one session that leaves the cache.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startPty } from './pty.js';

const cacheFiles = (cacheHome: string): string[] => {
  try {
    return readdirSync(path.join(cacheHome, 'kvx', 'code-cache')).filter((f) => f.endsWith('.v8'));
  } catch {
    return [];
  }
};

/**
 * Runs `command` (a kvx start, with `env` as the measured starts will have it: the cache is
 * kept per set of Node flags) until it shows `rows` and a new cache file is in `cacheHome`.
 */
export async function warmCodeCache(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; cacheHome: string; rows: string | ((output: string) => boolean) }): Promise<void> {
  const before = cacheFiles(options.cacheHome).length;
  const pty = startPty(command, { cwd: options.cwd, env: { ...options.env, XDG_CACHE_HOME: options.cacheHome } });
  try {
    await pty.waitFor(options.rows, 60_000);
    const deadline = Date.now() + 30_000;
    while (cacheFiles(options.cacheHome).length === before) {
      if (Date.now() > deadline) throw new Error(`kvx left no code cache in ${options.cacheHome}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await pty.close();
  }
}
