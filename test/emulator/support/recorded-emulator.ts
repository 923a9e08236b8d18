// Starts an emulator with the client options that make SDK clients trust its CA and record
// every response, and the `problems()` check over those responses, for the per-collection
// harnesses (keys, certificates) that build their own clients on top.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { TEST_TLS_CACHE } from './emulator-harness.js';
import { ResponseRecorder } from './response-recorder.js';

/** Fits KeyClientOptions, CertificateClientOptions and SecretClientOptions alike. */
export interface RecordingClientOptions {
  tlsOptions: { ca: string };
  disableChallengeResourceVerification: boolean;
  retryOptions: { maxRetries: number };
  additionalPolicies: { policy: PipelinePolicy; position: 'perRetry' }[];
}

export interface RecordedEmulator {
  emulator: Emulator;
  vaultUrl: string;
  recorder: ResponseRecorder;
  clientOptions: RecordingClientOptions;
  /** Problems with the responses since the last call; tests assert none. */
  problems(): string[];
  /** Every `operationId status` checked so far, to show what the conformance check covered. */
  checked: Set<string>;
}

/** `options` must name the vault (its first vault is the one the clients use). */
export async function startRecordedEmulator(options: EmulatorOptions): Promise<RecordedEmulator> {
  // Tests keep their TLS material in the repo's scratch dir, never the user's cache.
  const emulator = await startEmulator({ tlsCacheDir: TEST_TLS_CACHE, ...options });
  const recorder = new ResponseRecorder();
  const checked = new Set<string>();
  return {
    emulator,
    vaultUrl: emulator.vaults[0].url,
    recorder,
    clientOptions: {
      tlsOptions: { ca: emulator.caPem },
      // The vault is on 127.0.0.1, which is not under the challenge's resource host.
      disableChallengeResourceVerification: true,
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' }],
    },
    checked,
    problems: () => {
      const { problems, operations } = recorder.validate();
      for (const op of operations) checked.add(op);
      recorder.records.length = 0;
      return problems;
    },
  };
}
