// Starts an emulator and real CertificateClient / KeyClient / SecretClient instances that
// trust its CA per client (tlsOptions), with every response recorded for the conformance
// check against certificates.json, keys.json and secrets.json (../support).
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { TEST_TLS_CACHE, testCredential } from '../support/emulator-harness.js';
import { rawRequest } from '../support/raw-request.js';
import { startRecordedEmulator } from '../support/recorded-emulator.js';

export interface CertificatesHarness {
  emulator: Emulator;
  vaultUrl: string;
  client: CertificateClient;
  keys: KeyClient;
  secrets: SecretClient;
  /** Problems with the responses since the last call; tests assert none. */
  problems(): string[];
  /** Every `operationId status` checked so far, to show what the conformance check covered. */
  checked: Set<string>;
  /**
   * GET /certificates/{name}/pending without the SDK, which turns an ended operation's error
   * into a rejection and hides the status; recorded for the conformance check like the rest.
   */
  pendingOperation(name: string): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

export async function startCertificatesHarness(options: EmulatorOptions = {}): Promise<CertificatesHarness> {
  const { emulator, vaultUrl, recorder, clientOptions, problems, checked } = await startRecordedEmulator({
    vaults: ['certs-test'],
    tlsCacheDir: TEST_TLS_CACHE,
    ...options,
  });
  return {
    emulator,
    vaultUrl,
    client: new CertificateClient(vaultUrl, testCredential, clientOptions),
    keys: new KeyClient(vaultUrl, testCredential, clientOptions),
    secrets: new SecretClient(vaultUrl, testCredential, clientOptions),
    checked,
    problems,
    pendingOperation: async (name) => {
      const url = `${vaultUrl}/certificates/${name}/pending?api-version=2025-07-01`;
      const res = await rawRequest(url, { ca: emulator.caPem });
      recorder.records.push({ method: 'GET', url, status: res.status, body: res.text });
      return { status: res.status, body: res.json as Record<string, unknown> };
    },
    stop: () => emulator.stop(),
  };
}
