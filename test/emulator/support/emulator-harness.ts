// Starts an emulator for one test file and builds real SDK clients for it: HTTPS with the
// emulator's CA trusted per client, the real challenge handshake, and every response
// recorded for the conformance check.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenCredential } from '@azure/core-auth';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { ResponseRecorder } from './response-recorder.js';

/** Tests keep the generated CA out of the user's cache, in the repo's ignored .kvx-test/. */
export const TEST_TLS_CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.kvx-test/emulator-tls');

/** The emulator accepts any bearer token; the challenge flow itself is real. */
export const testCredential: TokenCredential = {
  getToken: async () => ({ token: 'kvx-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export interface Harness {
  emulator: Emulator;
  url: string;
  recorder: ResponseRecorder;
  secrets: SecretClient;
  /** Options for more clients of the same emulator (CA, no retries, recording). */
  clientOptions(extra?: SecretClientOptions): SecretClientOptions;
  secretClient(url?: string, extra?: SecretClientOptions): SecretClient;
  stop(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ vaults: ['test-vault'], tlsCacheDir: TEST_TLS_CACHE, ...options });
  const recorder = new ResponseRecorder();
  const url = emulator.vaults[0].url;
  const clientOptions = (extra: SecretClientOptions = {}): SecretClientOptions => ({
    tlsOptions: { ca: emulator.caPem },
    // 127.0.0.1 is not under the challenge's resource host (vault.azure.net).
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    ...extra,
    additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' }, ...(extra.additionalPolicies ?? [])],
  });
  const secretClient = (vaultUrl = url, extra?: SecretClientOptions) => new SecretClient(vaultUrl, testCredential, clientOptions(extra));
  return {
    emulator,
    url,
    recorder,
    secrets: secretClient(),
    clientOptions,
    secretClient,
    stop: () => emulator.stop(),
  };
}

/**
 * A wait's timeout only catches hangs: on a loaded two-core CI machine what takes 100 ms idle
 * can take seconds, so no wait gives up sooner than this, whatever the test asked for (no test
 * relies on a wait running out).
 */
export const WAIT_FLOOR_MS = 30_000;

/** Waits until `check` returns true (polling every few ms), or fails after `timeoutMs` (at least WAIT_FLOOR_MS). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const bound = Math.max(timeoutMs, WAIT_FLOOR_MS);
  const deadline = Date.now() + bound;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (${bound} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** All items of an async iterable (Array.fromAsync is not in the project's ES2023 lib). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
