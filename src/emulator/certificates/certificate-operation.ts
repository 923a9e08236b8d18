// The create operation's life: inProgress until its issuer issues (after the vault's
// certificateIssueDelayMs, and once no `certificate-issue` gate holds it) or forever for issuer
// `Unknown` (until a merge); cancelled once a requested cancellation has settled (the cancel's
// own answer still says inProgress, as the service's does); failed when the issuer cannot issue. Settled lazily from the
// vault's clock on every request that looks at the certificate, like the object store does.
import { KEYS } from '../keys/key-collection.js';
import type { VaultState } from '../vault-state.js';
import type { CertificateObject, PendingOperation } from './certificate-collection.js';
import { buildCertificate, completeVersion } from './certificate-issuance.js';
import { findIssuer, issuerCa } from './issuer-store.js';

export const DETAILS = {
  inProgress: 'Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later.',
  awaitingMerge: 'Pending certificate created. Please Perform Merge to complete the request.',
  completed: 'The certificate has been issued.',
  cancelled: 'The certificate operation was cancelled at the request of the caller.',
  failed: 'The certificate could not be issued.',
} as const;

function fail(op: PendingOperation, code: string, message: string): void {
  op.status = 'failed';
  op.statusDetails = DETAILS.failed;
  op.error = { code, message };
}

/** Brings a certificate's pending operation up to date with the vault's clock. */
export function settle(vault: VaultState, object: CertificateObject): void {
  const op = object.meta?.pending;
  if (!op || op.status !== 'inProgress') return;
  if (op.cancellationRequested) {
    // No `error` on a cancelled operation, as on the service: the status says it all (and
    // Python's azure-keyvault-certificates 4.7 cannot read an error without a nested one).
    op.status = 'cancelled';
    op.statusDetails = DETAILS.cancelled;
    return;
  }
  const issuerName = op.issuer.name;
  if (issuerName.toLowerCase() === 'unknown') return; // waits for a merge
  const now = vault.clock();
  if (now < op.readyAt || !vault.gates.passed(op.heldBy)) return;
  const version = object.versions.find((v) => v.version === op.versionId);
  if (!version) {
    fail(op, 'CertificateNotFound', `Version ${op.versionId} of certificate ${object.name} no longer exists.`);
    return;
  }
  const policy = object.meta?.policy;
  const configured = issuerName.toLowerCase() === 'self' ? undefined : findIssuer(vault, issuerName);
  if (issuerName.toLowerCase() !== 'self' && !configured) {
    fail(op, 'CertificateIssuerNotFound', `Issuer not found: ${issuerName}. Use 'Self', 'Unknown' or an issuer set under /certificates/issuers.`);
    return;
  }
  if (configured && !configured.enabled) {
    fail(op, 'CertificateIssuerDisabled', `Issuer ${configured.name} is disabled.`);
    return;
  }
  if (!policy) return;
  const material = vault.store(KEYS).getVersion(object.name, op.versionId).payload.material;
  const ca = configured ? issuerCa(vault, configured, now) : undefined;
  const der = buildCertificate({
    policy,
    material,
    notBefore: now,
    issuer: ca ? { certificate: ca.certificate, privateKey: ca.privateKey } : undefined,
  });
  completeVersion(vault, object, version, ca ? [der, ca.certificate] : [der], material, op.enabled);
  op.status = 'completed';
  op.statusDetails = DETAILS.completed;
}
