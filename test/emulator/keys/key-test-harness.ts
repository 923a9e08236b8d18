// Starts an emulator and real KeyClient / CryptographyClient instances that trust its CA per
// client (tlsOptions), with every response recorded for the keys.json conformance check
// (the shared ResponseRecorder / OpenApiValidator in ../support).
import type { TokenCredential } from '@azure/core-auth';
import type { KeyClientOptions, KeyVaultKey } from '@azure/keyvault-keys';
import { CryptographyClient, KeyClient } from '@azure/keyvault-keys';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { ResponseRecorder } from '../support/response-recorder.js';

/** The emulator accepts any bearer token; the challenge flow itself is real. */
export const credential: TokenCredential = {
  getToken: async () => ({ token: 'kvx-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export interface KeysHarness {
  emulator: Emulator;
  vaultUrl: string;
  client: KeyClient;
  clientOptions: KeyClientOptions;
  /** Problems with the responses since the last call (checked against keys.json); tests assert none. */
  problems(): string[];
  /** Every `operationId status` checked so far, to show the conformance check covered them. */
  checked: Set<string>;
  crypto(key: KeyVaultKey | string): CryptographyClient;
  stop(): Promise<void>;
}

export async function startKeysHarness(options: EmulatorOptions = {}): Promise<KeysHarness> {
  const emulator = await startEmulator({ vaults: ['keys-test'], ...options });
  const vaultUrl = emulator.vaults[0].url;
  const recorder = new ResponseRecorder();
  const checked = new Set<string>();
  const clientOptions: KeyClientOptions = {
    tlsOptions: { ca: emulator.caPem },
    // The vault is on 127.0.0.1, which is not under the challenge's resource host.
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' }],
  };
  return {
    emulator,
    vaultUrl,
    client: new KeyClient(vaultUrl, credential, clientOptions),
    clientOptions,
    checked,
    problems: () => {
      const { problems, operations } = recorder.validate();
      for (const op of operations) checked.add(op);
      recorder.records.length = 0;
      return problems;
    },
    crypto: (key) => new CryptographyClient(key, credential, clientOptions),
    stop: () => emulator.stop(),
  };
}
