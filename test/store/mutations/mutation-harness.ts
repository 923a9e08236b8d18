// Starts an emulator with short delays and wires the real mutation actions to real SDK clients
// for it (CA trusted per client), an operation tracker polling every few ms, and a log of every
// request the emulator answered and of every state each operation went through.
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Emulator, EmulatorOptions, RequestLogEntry } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { classifyError } from '../../../src/store/classify-error.js';
import type { MutationActions } from '../../../src/store/mutations/mutation-actions.js';
import { createMutationActions } from '../../../src/store/mutations/mutation-actions.js';
import type { VaultClients } from '../../../src/store/mutations/vault-clients.js';
import { explainOperationError } from '../../../src/store/operations-conflict.js';
import { createOperationTracker } from '../../../src/store/operations.js';
import type { OperationTracker } from '../../../src/store/operations.js';
import { createReadOnlyGuard } from '../../../src/store/read-only-guard.js';
import type { Operation } from '../../../src/store/types.js';
import { TEST_TLS_CACHE, testCredential, waitFor } from '../../emulator/support/emulator-harness.js';

export { waitFor };

export interface MutationHarness {
  emulator: Emulator;
  vaultUrl: string;
  clients: VaultClients;
  actions: MutationActions;
  tracker: OperationTracker;
  /** Requests the emulator answered, in order. */
  requests: RequestLogEntry[];
  /** Every distinct (state, detail) each operation went through, in order. */
  history: Map<string, string[]>;
  /** Operations that reached a final state (refresh hook calls). */
  finished: Operation[];
  operation(id: string): Operation;
  /** Waits until the operation is no longer running and returns it. */
  settle(id: string, timeoutMs?: number): Promise<Operation>;
  stop(): Promise<void>;
}

export async function startMutationHarness(options: EmulatorOptions & { readOnly?: boolean; intervalMs?: number } = {}): Promise<MutationHarness> {
  const requests: RequestLogEntry[] = [];
  const emulator = await startEmulator({
    vaults: ['ops-test'],
    tlsCacheDir: TEST_TLS_CACHE,
    ...options,
    onRequest: (entry) => requests.push(entry),
  });
  const vault = emulator.vaults[0];
  const clientOptions = {
    tlsOptions: { ca: emulator.caPem },
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 },
  };
  let secrets: SecretClient | undefined;
  let keys: KeyClient | undefined;
  let certificates: CertificateClient | undefined;
  const clients: VaultClients = {
    info: { name: vault.name, url: vault.url, local: true },
    secrets: () => (secrets ??= new SecretClient(vault.url, testCredential, clientOptions)),
    keys: () => (keys ??= new KeyClient(vault.url, testCredential, clientOptions)),
    certificates: () => (certificates ??= new CertificateClient(vault.url, testCredential, clientOptions)),
  };
  const history = new Map<string, string[]>();
  const finished: Operation[] = [];
  let operations: readonly Operation[] = [];
  const tracker = createOperationTracker({
    now: Date.now,
    intervalMs: options.intervalMs ?? 5,
    classify: (error, op) => explainOperationError(error, op, (e) => classifyError(e)),
    onChange: (list) => {
      operations = list;
      for (const op of list) {
        const seen = history.get(op.id) ?? [];
        const step = `${op.state}:${op.detail}`;
        if (seen.at(-1) !== step) seen.push(step);
        history.set(op.id, seen);
      }
    },
    onFinished: (op) => finished.push(op),
  });
  const actions = createMutationActions({
    clientsFor: (v) => {
      if (v !== vault.url && v !== vault.name) throw new Error(`unknown vault ${v}`);
      return clients;
    },
    tracker,
    guard: createReadOnlyGuard(options.readOnly ?? false),
    classify: (e) => classifyError(e),
  });
  const operation = (id: string) => {
    const op = operations.find((o) => o.id === id);
    if (!op) throw new Error(`no operation ${id}`);
    return op;
  };
  return {
    emulator,
    vaultUrl: vault.url,
    clients,
    actions,
    tracker,
    requests,
    history,
    finished,
    operation,
    async settle(id, timeoutMs = 10_000) {
      await waitFor(() => operations.some((o) => o.id === id && o.state !== 'running'), `operation ${id} to finish`, timeoutMs);
      return operation(id);
    },
    stop: async () => {
      tracker.dispose();
      await emulator.stop();
    },
  };
}
