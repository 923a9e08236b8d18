// Certificate changes as operation runs. Creating one is the service's long-running operation:
// POST create → 202 pending `inProgress`, polled until `completed` (or `failed`/`cancelled`).
// Cancelling PATCHes the pending operation; the run then follows it until the service says
// `cancelled` (or that it completed before the cancel took effect).
import type { CertificateClient, CertificateOperation, CertificatePolicy } from '@azure/keyvault-certificates';
import type { OperationContext, OperationOutcome, OperationRun } from '../operations.js';
import { callOptions, drivePoller, pollerOptions } from '../operations-poller.js';
import { CERTIFICATE_CONTENT_TYPES } from '../validate-input.js';
import type { CertificateFile } from './certificate-files.js';
import type { CertificateImportInput, CertificateInput, PropertiesUpdate } from './inputs.js';
import type { VaultClients } from './vault-clients.js';

interface CertificateState {
  certificateOperation?: CertificateOperation;
  error?: Error;
  isCompleted?: boolean;
}

const statusOf = (state: CertificateState) => state.certificateOperation?.status ?? 'inProgress';

export function selfSignedPolicy(input: CertificateInput): CertificatePolicy {
  const key =
    input.keyType === 'RSA' ? { keyType: 'RSA' as const, keySize: input.keySize ?? 2048 } : { keyType: 'EC' as const, keyCurveName: (input.curve ?? 'P-256') as CertificatePolicy['keyCurveName'] };
  const properties = { issuerName: 'Self', validityInMonths: input.validityInMonths, contentType: CERTIFICATE_CONTENT_TYPES[input.format], exportable: true, ...key };
  return input.dnsNames.length > 0
    ? { ...properties, subject: input.subject, subjectAlternativeNames: { dnsNames: input.dnsNames as [string, ...string[]] } }
    : { ...properties, subject: input.subject };
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === status;
}

/** Follows the pending operation after a cancel request until the service settles it. */
async function followCancel(client: CertificateClient, name: string, context: OperationContext, after: CertificateState): Promise<OperationOutcome> {
  let status = statusOf(after);
  if (status === 'inProgress') {
    try {
      const follow = await client.getCertificateOperation(name, pollerOptions(context));
      await drivePoller(follow, context, (s) => (statusOf(s) === 'inProgress' ? 'cancellation requested' : statusOf(s))).catch((error: unknown) => {
        // A settled operation with an error (cancelled/failed) rejects; its status says which.
        if (statusOf(follow.getOperationState()) === 'inProgress') throw error;
      });
      status = statusOf(follow.getOperationState());
    } catch (error) {
      // The pending operation is gone: the service dropped it, which is what a cancel does.
      if (!isStatus(error, 404)) throw error;
      status = 'cancelled';
    }
  }
  if (status === 'cancelled') return { state: 'cancelled', detail: 'cancelled' };
  if (status === 'completed') return { detail: 'completed (issued before the cancel took effect)' };
  throw new Error(`certificate operation ended as ${status}`);
}

export function createCertificateRun(clients: VaultClients, input: CertificateInput): OperationRun {
  return async (context) => {
    context.progress('creating');
    const client = clients.certificates();
    const poller = await client.beginCreateCertificate(input.name, selfSignedPolicy(input), {
      ...pollerOptions(context),
      enabled: input.enabled,
      tags: input.tags,
    });
    context.setCanceller(async () => {
      await poller.cancelOperation();
    });
    try {
      await drivePoller(poller, context, (s) => statusOf(s as CertificateState));
    } catch (error) {
      // A cancel makes the SDK reject the poll it interrupted; the outcome comes from the service below.
      if (!context.cancelRequested) {
        const state = poller.getOperationState() as CertificateState;
        if (statusOf(state) === 'cancelled') return { state: 'cancelled', detail: 'cancelled' };
        const serviceError = state.certificateOperation?.error?.message;
        throw serviceError ? new Error(`certificate ${statusOf(state)}: ${serviceError}`) : error;
      }
    }
    const state = poller.getOperationState() as CertificateState;
    if (context.cancelRequested) return followCancel(client, input.name, context, state);
    if (statusOf(state) === 'cancelled') return { state: 'cancelled', detail: 'cancelled' };
    return { detail: statusOf(state) };
  };
}

export function importCertificateRun(clients: VaultClients, input: CertificateImportInput, file: CertificateFile): OperationRun {
  return async (context) => {
    context.progress('importing');
    await clients.certificates().importCertificate(input.name, file.bytes, {
      password: input.password || undefined,
      policy: { contentType: CERTIFICATE_CONTENT_TYPES[file.format] },
      enabled: input.enabled,
      tags: input.tags,
      ...callOptions(context),
    });
    return { detail: 'imported' };
  };
}

export function updateCertificateRun(clients: VaultClients, name: string, update: PropertiesUpdate): OperationRun {
  return async (context) => {
    context.progress('updating');
    const client = clients.certificates();
    const version = update.version ?? (await client.getCertificate(name, callOptions(context))).properties.version ?? '';
    await client.updateCertificateProperties(name, version, { enabled: update.enabled, tags: update.tags, ...callOptions(context) });
    return { detail: 'updated' };
  };
}
