// How the launcher hands kvx the taking of V8's code cache of its script: a hook under a
// registered symbol, process-wide, because the launcher (dist/launcher.js) and kvx
// (dist/kvx.cjs) are bundled apart. kvx takes it once it has drawn its first rows
// (save-code-cache.ts); where there is no launcher (tests, the single executable) there is
// no hook and nothing to take.
const CODE_CACHE_HOOK = Symbol.for('kvx.codeCache');

export interface CodeCacheHook {
  /** Takes the cache of the script as compiled so far and writes it, once; false when it could not be written. */
  save(): boolean;
}

type WithHook = { [CODE_CACHE_HOOK]?: CodeCacheHook };

export function offerCodeCache(hook: CodeCacheHook | undefined): void {
  if (hook) (globalThis as WithHook)[CODE_CACHE_HOOK] = hook;
  else delete (globalThis as WithHook)[CODE_CACHE_HOOK];
}

export function codeCacheHook(): CodeCacheHook | undefined {
  return (globalThis as WithHook)[CODE_CACHE_HOOK];
}
