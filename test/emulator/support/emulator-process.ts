// An emulator running as its own process (the CLI under tsx, or the single executable): started,
// its JSON ready line read, and what it wrote to stderr kept for failure messages.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { waitFor } from './emulator-harness.js';

export interface EmulatorProcess<Ready> {
  child: ChildProcess;
  ready: Ready;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Spawns `command args`, waits for the first line on stdout and parses it; fails naming stderr if the process exits first. */
export async function startEmulatorProcess<Ready>(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<EmulatorProcess<Ready>> {
  const { timeoutMs = 60_000, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => stdout.includes('\n') || child.exitCode !== null, 'the ready line', timeoutMs);
    if (!stdout.includes('\n')) throw new Error(`the emulator exited early: ${stderr.slice(-2000)}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, ready: JSON.parse(stdout.split('\n')[0]) as Ready, stdout: () => stdout, stderr: () => stderr, exited };
}
