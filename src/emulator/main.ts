// `kvx emulator …`: runs the emulator in the foreground until Ctrl-C or SIGTERM.
import type { Writable } from 'node:stream';
import { escapeControl } from '../text/escape-control.js';
import { emulatorUsage, parseEmulatorArgs, UsageError } from './cli-args.js';
import { createIdentityRegistry } from './identity/index.js';
import { startEmulator } from './index.js';
import { identitiesHelp, readyLine } from './ready-line.js';
import type { RequestLogEntry } from './server.js';

export interface EmulatorCliIo {
  stdout?: Writable;
  stderr?: Writable;
  /** Stops the emulator like SIGTERM does (for tests that run it in-process). */
  signal?: AbortSignal;
}

/**
 * Exit code: 0 after a clean stop or --help, 2 for bad flags or values (host, vault names, TLS
 * files included), 1 when the emulator cannot start for another reason (e.g. a port in use).
 */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseEmulatorArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      // The message quotes what was typed: control and invisible characters become visible.
      stderr.write(`kvx emulator: ${escapeControl(err.message)}\n`);
      stderr.write("Run 'kvx emulator --help' for the flags.\n");
      return 2;
    }
    throw err;
  }
  if (parsed.help) {
    const tenantId = parsed.options.tenantId;
    stdout.write(emulatorUsage() + identitiesHelp(createIdentityRegistry(tenantId !== undefined ? { tenantId } : {})));
    return 0;
  }

  let emulator;
  try {
    emulator = await startEmulator({ ...parsed.options, onRequest: (entry) => stderr.write(formatLogLine(entry)) });
  } catch (err) {
    stderr.write(`kvx emulator: ${escapeControl(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }

  stdout.write(`${JSON.stringify(readyLine(emulator, parsed.caFile ?? emulator.caFile ?? null))}\n`);

  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (io.signal?.aborted) done();
    else io.signal?.addEventListener('abort', done, { once: true });
  });
  await emulator.stop();
  return 0;
}

function formatLogLine(entry: RequestLogEntry): string {
  // The path and method come from the client: show control and invisible characters as escapes.
  return `${entry.vault} ${escapeControl(entry.method)} ${escapeControl(entry.path)} ${entry.status} ${entry.ms}ms\n`;
}
