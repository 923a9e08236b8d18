// Starts an emulator and real KeyClient / CryptographyClient instances that trust its CA per
// client (tlsOptions), with every response recorded for the keys.json conformance check
// (the shared recorded emulator in ../support).
import type { KeyClientOptions, KeyVaultKey } from '@azure/keyvault-keys';
import { CryptographyClient, KeyClient } from '@azure/keyvault-keys';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { testCredential } from '../support/emulator-harness.js';
import { startRecordedEmulator } from '../support/recorded-emulator.js';

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
  const { emulator, vaultUrl, clientOptions, problems, checked } = await startRecordedEmulator({ vaults: ['keys-test'], ...options });
  return {
    emulator,
    vaultUrl,
    client: new KeyClient(vaultUrl, testCredential, clientOptions),
    clientOptions,
    checked,
    problems,
    crypto: (key) => new CryptographyClient(key, testCredential, clientOptions),
    stop: () => emulator.stop(),
  };
}
