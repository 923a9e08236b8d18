// Certificate changes as operation runs. Creating one is the service's long-running operation:
// POST create → 202 pending `inProgress`, polled until `completed` (or `failed`/`cancelled`).
// Cancelling PATCHes the pending operation; the run then follows it until the service says
// `cancelled` (or that it completed before the cancel took effect).
import type { CertificateClient, CertificatePolicy, KeyVaultCertificate, KeyVaultCertificateWithPolicy } from '@azure/keyvault-certificates';
import { describeIssuer } from '../enrich-items.js';
import { asListed, certificateSummary } from '../item-summary.js';
import type { ItemSummary } from '../types.js';
import type { OperationContext, OperationOutcome, OperationRun, RawResponseLike } from '../operations.js';
import { callOptions, drivePoller, pollerOptions } from '../operations-poller.js';
import { CERTIFICATE_CONTENT_TYPES } from '../validate-input.js';
import type { CertificateFile } from './certificate-files.js';
import type { CertificateImportInput, CertificateInput, PropertiesUpdate } from './inputs.js';
import type { VaultClients } from './vault-clients.js';

export function selfSignedPolicy(input: CertificateInput): CertificatePolicy {
  const key =
    input.keyType === 'RSA' ? { keyType: 'RSA' as const, keySize: input.keySize ?? 2048 } : { keyType: 'EC' as const, keyCurveName: (input.curve ?? 'P-256') as CertificatePolicy['keyCurveName'] };
  const properties = { issuerName: 'Self', validityInMonths: input.validityInMonths, contentType: CERTIFICATE_CONTENT_TYPES[input.format], exportable: true, ...key };
  return input.dnsNames.length > 0
    ? { ...properties, subject: input.subject, subjectAlternativeNames: { dnsNames: input.dnsNames as [string, ...string[]] } }
    : { ...properties, subject: input.subject };
}

/**
 * The pending operation's status as the service sent it. The SDK's certificate pollers hide it
 * (getOperationState() returns a cleaned copy without `certificateOperation`), so it is read
 * from the answers of `…/pending` and of the create call themselves.
 */
class PendingStatus {
  status = 'inProgress';
  constructor(private readonly context: OperationContext) {}

  readonly onResponse = (response: RawResponseLike & { bodyAsText?: string | null }): void => {
    this.context.onResponse(response);
    if (!/\/(pending|create)(\?|$)/.test(response.request.url) || !response.bodyAsText) return;
    try {
      const status = (JSON.parse(response.bodyAsText) as { status?: unknown }).status;
      if (typeof status === 'string') {
        this.status = status;
        this.context.progress(this.context.cancelRequested && status === 'inProgress' ? 'cancellation requested' : status);
      }
    } catch {
      // Not JSON: nothing to learn.
    }
  };

  options(): { abortSignal: AbortSignal; onResponse: PendingStatus['onResponse']; intervalInMs: number } {
    return { ...pollerOptions(this.context), onResponse: this.onResponse };
  }
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === status;
}

function outcomeOf(status: string): OperationOutcome | undefined {
  if (status === 'cancelled') return { state: 'cancelled', detail: 'cancelled' };
  if (status === 'completed') return { detail: 'completed' };
  return undefined;
}

/** Follows the pending operation after a cancel request until the service settles it. */
async function followCancel(client: CertificateClient, name: string, context: OperationContext, pending: PendingStatus): Promise<OperationOutcome> {
  while (pending.status === 'inProgress') {
    await context.wait(context.intervalMs);
    try {
      // Its first poll GETs /pending (read by `pending`); a settled operation with an error rejects.
      await client.getCertificateOperation(name, pending.options());
    } catch (error) {
      // The pending operation is gone: the service dropped it, which is what a cancel does.
      if (isStatus(error, 404)) return { state: 'cancelled', detail: 'cancelled' };
      if (pending.status === 'inProgress') throw error;
    }
  }
  if (pending.status === 'completed') return { detail: 'completed (issued before the cancel took effect)' };
  const outcome = outcomeOf(pending.status);
  if (outcome) return outcome;
  throw new Error(`certificate operation ended as ${pending.status}`);
}

/** A certificate from the service's answer as its list row: issued (or not), with its issuer as the list names it. */
function listedCertificate(vaultUrl: string, certificate: KeyVaultCertificate & Partial<Pick<KeyVaultCertificateWithPolicy, 'policy'>>): ItemSummary {
  const row = asListed(certificateSummary(vaultUrl, certificate.properties));
  const issuer = describeIssuer(certificate.cer, certificate.policy);
  return issuer ? { ...row, issuer } : row;
}

export function createCertificateRun(clients: VaultClients, input: CertificateInput): OperationRun {
  return async (context) => {
    context.progress('creating');
    const client = clients.certificates();
    const pending = new PendingStatus(context);
    const poller = await client.beginCreateCertificate(input.name, selfSignedPolicy(input), {
      ...pending.options(),
      enabled: input.enabled,
      tags: input.tags,
    });
    context.setCanceller(async () => {
      await poller.cancelOperation();
    });
    // Accepted (202): the service lists it as pending from now on, and so does kvx.
    context.listed({ ...certificateSummary(clients.info.url, { name: input.name, enabled: input.enabled ?? true, tags: input.tags }), issuer: 'Self' });
    try {
      const issued = await drivePoller(poller, context, () => (context.cancelRequested && pending.status === 'inProgress' ? 'cancellation requested' : pending.status));
      if (issued && pending.status === 'completed') context.listed(listedCertificate(clients.info.url, issued));
    } catch (error) {
      // A cancel makes the SDK reject the poll it interrupted; the outcome comes from the service below.
      if (!context.cancelRequested) {
        const outcome = outcomeOf(pending.status);
        if (outcome) return outcome;
        throw error;
      }
    }
    if (context.cancelRequested) return followCancel(client, input.name, context, pending);
    return outcomeOf(pending.status) ?? { detail: pending.status };
  };
}

export function importCertificateRun(clients: VaultClients, input: CertificateImportInput, file: CertificateFile): OperationRun {
  return async (context) => {
    context.progress('importing');
    const imported = await clients.certificates().importCertificate(input.name, file.bytes, {
      password: input.password || undefined,
      policy: { contentType: CERTIFICATE_CONTENT_TYPES[file.format] },
      enabled: input.enabled,
      tags: input.tags,
      ...callOptions(context),
    });
    context.listed(listedCertificate(clients.info.url, imported));
    return { detail: 'imported' };
  };
}

export function updateCertificateRun(clients: VaultClients, name: string, update: PropertiesUpdate): OperationRun {
  return async (context) => {
    context.progress('updating');
    const client = clients.certificates();
    const version = update.version ?? (await client.getCertificate(name, callOptions(context))).properties.version ?? '';
    const updated = await client.updateCertificateProperties(name, version, { enabled: update.enabled, tags: update.tags, ...callOptions(context) });
    // The list row shows the latest version: an older one's change does not go there.
    if (update.version === undefined) context.listed(listedCertificate(clients.info.url, updated));
    return { detail: 'updated' };
  };
}
