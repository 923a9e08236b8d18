// `kvx emulator …`: runs the emulator in the foreground until Ctrl-C or SIGTERM.
import type { Writable } from 'node:stream';
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

/** Exit code: 0 after a clean stop or --help, 2 for bad flags, 1 when the emulator cannot start. */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseEmulatorArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      stderr.write(`kvx emulator: ${err.message}\n`);
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
    stderr.write(`kvx emulator: ${err instanceof Error ? err.message : String(err)}\n`);
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
  // The path comes from the client: show control characters as escapes.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const path = entry.path.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `${entry.vault} ${entry.method} ${path} ${entry.status} ${entry.ms}ms\n`;
}
