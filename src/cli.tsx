// Entry point of the bundled CLI. Only what the first frame needs is imported statically;
// the emulator and the store with the Azure SDK are loaded on demand (runtime.ts, its own bundle).
import { closeSync, openSync } from 'node:fs';
import { render } from 'ink';
import pkg from '../package.json' with { type: 'json' };
import { appFlags, formatFlagHelp, isUsageError, parseArgs, UsageError } from './config/flags.js';
import type { Settings } from './config/settings.js';
import type { Runtime } from './ui/use-runtime.js';
import { loadSettings } from './config/settings.js';
import { App } from './ui/app.js';
import { loadRuntime as startRuntime } from './load-runtime.js';
import { escapeControl } from './text/escape-control.js';
import { defaultKeymap, remap } from './ui/keymap.js';
import { keymapProblems } from './ui/keymap-check.js';
import { chooseTheme, plainTheme } from './ui/theme.js';

const usage = `kvx ${pkg.version} — a keyboard-driven terminal explorer for Azure Key Vault

Usage:
  kvx [flags] [VAULT-NAME-OR-URL...]
  kvx --demo                 open the built-in demo vaults (no Azure account needed)
  kvx emulator [flags]       run a local Key Vault emulator (kvx emulator --help)

Flags:
${formatFlagHelp(appFlags)}
`;

/** Usage errors quote what was typed: escaped, so "\e]0;…" cannot retitle or clear the terminal. */
function usageFailure(message: string): number {
  process.stderr.write(`kvx: ${escapeControl(message)}\n`);
  return 2;
}

/** Ink needs raw mode on a terminal; without one (`ssh host kvx`, `kvx </dev/null`) say so. */
const NO_TERMINAL =
  'kvx is interactive and needs a terminal, but its input is not one (piped, redirected or an ssh command without a tty).\n' +
  'Run it from a terminal; over ssh, ask for one with `ssh -t HOST kvx …`.';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'emulator') {
    const { runEmulatorCli } = await import('./emulator/main.js');
    return runEmulatorCli(argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseArgs(argv, appFlags);
  } catch (error) {
    if (isUsageError(error)) return usageFailure(error.message);
    throw error;
  }
  const { flags } = parsed;
  if (flags.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (flags.version) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  let settings: Settings;
  let keymap;
  try {
    settings = loadSettings(parsed, process.env);
    const remapped = remap(defaultKeymap, settings.keys);
    if (remapped.unknown.length > 0) {
      const known = defaultKeymap.map((b) => b.command).join(', ');
      throw new UsageError(`${settings.configFile ?? 'config'}: "keys" names unknown commands ${remapped.unknown.join(', ')}; known: ${known}`);
    }
    const problems = keymapProblems(remapped.keymap, Object.keys(settings.keys));
    for (const problem of problems) usageFailure(`${settings.configFile ?? 'config'}: ${problem}`);
    if (problems.length > 0) return 2;
    keymap = remapped.keymap;
    if (settings.logFile) checkLogFile(settings.logFile);
  } catch (error) {
    if (isUsageError(error)) return usageFailure(error.message);
    throw error;
  }
  if (!process.stdin.isTTY || typeof process.stdin.setRawMode !== 'function') {
    process.stderr.write(`kvx: ${NO_TERMINAL}\n`);
    return 2;
  }
  // The SDK would write its AZURE_LOG_LEVEL output raw over the screen; the runtime routes it
  // to the --log file instead (log/sdk-log.ts), so the SDK must not read the variable itself.
  delete process.env.AZURE_LOG_LEVEL;
  const theme = settings.theme === 'plain' ? plainTheme : chooseTheme(process.env, settings.noColor);
  let runtime: Runtime | undefined;
  let stopHeapMode: (() => void) | undefined;
  const loadRuntime = async () => {
    ({ runtime, stopHeapMode } = await startRuntime(settings));
    return runtime;
  };
  const instance = render(<App settings={settings} keymap={keymap} theme={theme} loadRuntime={loadRuntime} clipboard={{ clearAfterMs: settings.clipboardClearMs }} />, {
    alternateScreen: true,
    // Ctrl-C is the app's: it closes a form first, and two in a row quit (app.tsx).
    exitOnCtrlC: false,
    patchConsole: true,
    // Ink draws at most maxFps frames a second (30 by default): a key pressed just after a
    // frame from background loading (a :find across vaults redraws 10 times a second, paced by
    // kvx itself) waited for the rest of Ink's frame interval before its own. At 120 that wait
    // is under 9 ms (p95 while searching 200 vaults: 25 ms at 60, 17 ms at 120); bursts of
    // keys still come as one frame, and idle draws nothing.
    maxFps: 120,
    // Only the lines that changed are written: a cursor move at 80×24 sends ~330 bytes
    // instead of the whole screen's ~2,100, which is what a laggy SSH link feels.
    incrementalRendering: true,
  });
  // An error outside any render (a callback, a promise nobody awaited): restore the terminal
  // and say what happened in one line, never with a stack trace.
  const crash = (error: unknown) => {
    instance.unmount();
    process.stderr.write(`kvx: internal error: ${escapeControl(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500)}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  await instance.waitUntilExit();
  appRan = true;
  stopHeapMode?.();
  // The terminal is restored by now. Disposing aborts what is in flight (a hung sign-in, a
  // request, the demo's emulator); whatever still holds a socket must not keep kvx alive.
  await Promise.race([runtime?.dispose().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, EXIT_GRACE_MS).unref())]);
  return 0;
}

/** `--log FILE` must be writable before the screen is taken over: say so now, not never. */
function checkLogFile(file: string): void {
  try {
    closeSync(openSync(file, 'a', 0o600));
  } catch (error) {
    throw new UsageError(`--log: cannot write ${escapeControl(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a file in a directory you can write to`);
  }
}

/** How long quitting waits for the runtime to close before the process exits regardless. */
const EXIT_GRACE_MS = 500;

/** Set once the app has run: only then does kvx exit by itself (nothing else may be pending). */
let appRan = false;
const code = await main(process.argv.slice(2));
if (appRan) process.exit(code);
process.exitCode = code;
