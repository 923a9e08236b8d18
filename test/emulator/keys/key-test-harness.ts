// Starts an emulator and real KeyClient / CryptographyClient instances that trust its CA per
// client (tlsOptions), with every response checked against keys.json.
import type { TokenCredential } from '@azure/core-auth';
import type { KeyClientOptions, KeyVaultKey } from '@azure/keyvault-keys';
import { CryptographyClient, KeyClient } from '@azure/keyvault-keys';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { createKeysValidator, validationPolicy } from './keys-openapi.js';

/** The emulator accepts any bearer token; the challenge flow itself is real. */
export const credential: TokenCredential = {
  getToken: async () => ({ token: 'kvx-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export interface KeysHarness {
  emulator: Emulator;
  vaultUrl: string;
  client: KeyClient;
  clientOptions: KeyClientOptions;
  /** Responses that did not match keys.json; tests assert it stays empty. */
  failures: string[];
  crypto(key: KeyVaultKey | string): CryptographyClient;
  stop(): Promise<void>;
}

const validator = createKeysValidator();

export async function startKeysHarness(options: EmulatorOptions = {}): Promise<KeysHarness> {
  const emulator = await startEmulator({ vaults: ['keys-test'], ...options });
  const vaultUrl = emulator.vaults[0].url;
  const failures: string[] = [];
  const clientOptions: KeyClientOptions = {
    tlsOptions: { ca: emulator.caPem },
    // The vault is on 127.0.0.1, which is not under the challenge's resource host.
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: validationPolicy(validator, failures), position: 'perCall' }],
  };
  return {
    emulator,
    vaultUrl,
    client: new KeyClient(vaultUrl, credential, clientOptions),
    clientOptions,
    failures,
    crypto: (key) => new CryptographyClient(key, credential, clientOptions),
    stop: () => emulator.stop(),
  };
}
