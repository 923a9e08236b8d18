// Runs one of the Python SDK scripts in test/emulator/python/ with /usr/bin/python3 (Debian's
// python3-azure: Microsoft's Python SDK, the emulator's second client) and returns the JSON
// line it prints. A missing SDK is a failure saying how to install it, never a skip.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PYTHON = '/usr/bin/python3';
const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../python');
const MODULES = ['azure.identity', 'azure.keyvault.secrets', 'azure.keyvault.keys', 'azure.keyvault.certificates', 'azure.mgmt.keyvault'];

/** Throws (failing the test) when /usr/bin/python3 cannot import the Azure SDK. */
export async function requirePythonAzure(): Promise<void> {
  try {
    await run(PYTHON, ['-c', `import ${MODULES.join(', ')}`], { timeout: 60_000 });
  } catch (err) {
    throw new Error(
      `Microsoft's Python SDK is missing for ${PYTHON} (${(err as Error).message.split('\n')[0]}): run .ci/install-python-azure.sh ` +
        '(apt-get install python3-azure). These tests fail rather than skip without it.',
      { cause: err },
    );
  }
}

/**
 * Runs `script` with only PATH, HOME and `env` in its environment (no developer credential
 * can answer instead), and returns its one JSON line. A non-zero exit rejects with stderr.
 */
export async function runPython(script: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await run(PYTHON, [path.join(SCRIPTS, script)], {
      cwd: SCRIPTS,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PYTHONDONTWRITEBYTECODE: '1', ...env },
      timeout: timeoutMs,
      maxBuffer: 4 * 1024 * 1024,
    });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(last) as Record<string, unknown>;
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(`${script} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`, { cause: err });
  }
}
