// The runtime after the first frame: its modules imported and evaluated, the runtime built,
// and from then on V8 tuned by what the store does (heap-mode.ts). When the launcher offers
// to take V8's code cache of kvx (a first start), it is taken once the first rows are shown
// (save-code-cache.ts), and the tuning starts after that. Tuned for size only once the
// runtime is in: evaluating its megabyte of code with --optimize-for-size took a third longer
// (~50 ms instead of ~33 ms on a 2-core VM), all of it on the way to the first rows.
import { setFlagsFromString } from 'node:v8';
import type { Settings } from './config/settings.js';
import { followLoading, SIZE } from './heap-mode.js';
import type { CodeCacheHook } from './launch/code-cache-hook.js';
import { codeCacheHook } from './launch/code-cache-hook.js';
import { saveCodeCacheOnceShown } from './save-code-cache.js';
import type { Runtime } from './ui/use-runtime.js';

export interface LoadedRuntime {
  runtime: Runtime;
  /** Stops following the store (leaving V8 tuned for size). */
  stopHeapMode(): void;
}

interface RuntimeModule {
  createRuntime(settings: Settings): Promise<Runtime>;
}

export async function loadRuntime(
  settings: Settings,
  importRuntime: () => Promise<RuntimeModule> = () => import('./runtime.js'),
  setFlags: (flags: string) => void = setFlagsFromString,
  codeCache: CodeCacheHook | undefined = codeCacheHook(),
): Promise<LoadedRuntime> {
  const runtime = await (await importRuntime()).createRuntime(settings);
  let stopHeapMode: (() => void) | undefined;
  // Every frame leaves garbage (Ink rebuilds the output text), and V8's default heap growth
  // lets the heap swell to several times what is live: RSS rose ~60 MiB over 1,000 keys with
  // the live heap flat. Growing the heap for size instead keeps RSS near what is used; while
  // lists load, heap-mode.ts lifts it (it costs a third of the CPU of a big load).
  const tuneHeap = () => {
    setFlags(SIZE);
    stopHeapMode = followLoading(runtime.store, setFlags);
  };
  // A start that takes the code cache keeps V8's flags as they were until it has: V8 refuses a
  // cache made under other flags, and Node 22's V8 counts a flag set and unset again as changed.
  const stopSaving = codeCache ? saveCodeCacheOnceShown(runtime.store, codeCache, tuneHeap) : (tuneHeap(), undefined);
  return {
    runtime,
    stopHeapMode() {
      stopSaving?.();
      stopHeapMode?.();
    },
  };
}
