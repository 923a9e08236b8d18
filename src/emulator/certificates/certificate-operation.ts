// The create operation's life: inProgress until its issuer issues (after the vault's
// certificateIssueDelayMs, and once no `certificate-issue` gate holds it) or forever for issuer
// `Unknown` (until a merge); cancelled once a requested cancellation has settled (the cancel's
// own answer still says inProgress, as the service's does); failed when the issuer cannot issue. Settled lazily from the
// vault's clock on every request that looks at the certificate, like the object store does.
//
// Signing is asynchronous (@peculiar/x509 signs through WebCrypto) while settling happens inside
// synchronous reads and list pages, so the certificate is built when the operation starts
// (valid from the moment it is due) and settling only installs it.
import { KEYS } from '../keys/key-collection.js';
import type { KeyMaterial } from '../keys/key-material.js';
import type { VaultState } from '../vault-state.js';
import type { CertificateObject, PendingOperation } from './certificate-collection.js';
import { buildCertificate, completeVersion } from './certificate-issuance.js';
import type { StoredPolicy } from './certificate-policy.js';
import type { Issuer } from './issuer-store.js';
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

/** A chain built ahead for an operation, with the issuer (name:provider) that signed it. */
interface PreparedChain {
  issuerKey: string;
  chain: Buffer[];
}

/** Kept beside the operations rather than in them: never serialised into backups or listings. */
const prepared = new WeakMap<PendingOperation, PreparedChain>();
const preparing = new WeakSet<PendingOperation>();

const issuerKeyOf = (configured: Issuer | undefined): string => (configured ? `${configured.name.toLowerCase()}:${configured.provider}` : 'self');

function configuredIssuer(vault: VaultState, op: PendingOperation): Issuer | undefined {
  return op.issuer.name.toLowerCase() === 'self' ? undefined : findIssuer(vault, op.issuer.name);
}

async function buildChain(vault: VaultState, op: PendingOperation, policy: StoredPolicy, material: KeyMaterial, configured: Issuer | undefined): Promise<PreparedChain> {
  const ca = configured ? await issuerCa(vault, configured, op.readyAt) : undefined;
  const der = await buildCertificate({ policy, material, notBefore: op.readyAt, issuer: ca });
  return { issuerKey: issuerKeyOf(configured), chain: ca ? [der, ca.certificate] : [der] };
}

/** Builds the certificate a Self or configured issuer will issue, so settle() can install it. */
export async function prepareIssue(vault: VaultState, op: PendingOperation, policy: StoredPolicy, material: KeyMaterial): Promise<void> {
  const name = op.issuer.name.toLowerCase();
  if (name === 'unknown') return;
  const configured = configuredIssuer(vault, op);
  if (name !== 'self' && !configured?.enabled) return; // settle() fails it, or builds later if the issuer appears
  prepared.set(op, await buildChain(vault, op, policy, material, configured));
}

/** The issuer changed (or the operation came back from a backup) since it started: build in the background; a later poll installs it. */
function prepareLater(vault: VaultState, op: PendingOperation, policy: StoredPolicy, material: KeyMaterial, configured: Issuer | undefined): void {
  if (preparing.has(op)) return;
  preparing.add(op);
  buildChain(vault, op, policy, material, configured)
    .then((chain) => prepared.set(op, chain))
    .catch((err: unknown) => fail(op, 'CertificateIssuanceFailed', `The certificate could not be built: ${err instanceof Error ? err.message : String(err)}`))
    .finally(() => preparing.delete(op));
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
  const configured = configuredIssuer(vault, op);
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
  const ready = prepared.get(op);
  if (!ready || ready.issuerKey !== issuerKeyOf(configured)) {
    prepareLater(vault, op, policy, material, configured);
    return;
  }
  prepared.delete(op);
  completeVersion(vault, object, version, ready.chain, material, op.enabled);
  op.status = 'completed';
  op.statusDetails = DETAILS.completed;
}
