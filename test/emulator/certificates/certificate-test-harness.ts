// Starts an emulator and real CertificateClient / KeyClient / SecretClient instances that
// trust its CA per client (tlsOptions), with every response recorded for the conformance
// check against certificates.json, keys.json and secrets.json (../support).
import type { CertificateClientOptions } from '@azure/keyvault-certificates';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { TEST_TLS_CACHE, testCredential } from '../support/emulator-harness.js';
import { rawRequest } from '../support/raw-request.js';
import { ResponseRecorder } from '../support/response-recorder.js';

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
  const emulator = await startEmulator({ vaults: ['certs-test'], tlsCacheDir: TEST_TLS_CACHE, ...options });
  const vaultUrl = emulator.vaults[0].url;
  const recorder = new ResponseRecorder();
  const checked = new Set<string>();
  const clientOptions: CertificateClientOptions = {
    tlsOptions: { ca: emulator.caPem },
    // The vault is on 127.0.0.1, which is not under the challenge's resource host.
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: recorder.policy(), position: 'perRetry' }],
  };
  return {
    emulator,
    vaultUrl,
    client: new CertificateClient(vaultUrl, testCredential, clientOptions),
    keys: new KeyClient(vaultUrl, testCredential, clientOptions),
    secrets: new SecretClient(vaultUrl, testCredential, clientOptions),
    checked,
    problems: () => {
      const { problems, operations } = recorder.validate();
      for (const op of operations) checked.add(op);
      recorder.records.length = 0;
      return problems;
    },
    pendingOperation: async (name) => {
      const url = `${vaultUrl}/certificates/${name}/pending?api-version=2025-07-01`;
      const res = await rawRequest(url, { ca: emulator.caPem });
      recorder.records.push({ method: 'GET', url, status: res.status, body: res.text });
      return { status: res.status, body: res.json as Record<string, unknown> };
    },
    stop: () => emulator.stop(),
  };
}
