// Demo certificates with the look of a real app's vault: TLS and mTLS certificates with SANs
// (PFX and PEM secrets), a renewed one with two versions, one expiring within 30 days, one
// expired, one pending on issuer Unknown (waiting for a merge) and one recently deleted.
//
// Deterministic and fast: keys are the fixed RSA material of the key demo (RSA PKCS#1 v1.5
// signatures are deterministic), serials, version ids and PFX MAC salts come
// from the seed's PRNG, and times from the seed's `now`.
import { DEMO_RSA } from '../keys/demo-rsa-material.js';
import type { DemoRsaName } from '../keys/demo-rsa-material.js';
import type { KeyMaterial } from '../keys/key-material.js';
import type { Prng } from '../prng.js';
import type { SeedContext, VaultRole } from '../seed.js';
import { KEYS } from '../keys/key-collection.js';
import { SECRETS } from '../secrets/secret-collection.js';
import { VaultState } from '../vault-state.js';
import { EKU } from '../x509/index.js';
import type { PendingOperation } from './certificate-collection.js';
import { CERTIFICATES } from './certificate-collection.js';
import { addManagedKey, buildCertificate, completeVersion, csrFor, keyOpsFor } from './certificate-issuance.js';
import { DETAILS } from './certificate-operation.js';
import type { StoredPolicy } from './certificate-policy.js';
import { parsePolicy, PEM, PKCS12 } from './certificate-policy.js';

const DAY_MS = 86_400_000;

interface DemoCertificate {
  name: string;
  subject: string;
  sans?: { dns_names?: string[]; emails?: string[]; upns?: string[]; ipAddresses?: string[] };
  key: DemoRsaName;
  contentType: typeof PEM | typeof PKCS12;
  ekus: string[];
  validityMonths: number;
  /** Days before the seed's now that each version was issued, oldest first. */
  issuedDaysAgo: number[];
  issuer?: 'Self' | 'Unknown';
  tags?: Record<string, string>;
  pending?: boolean;
  deleted?: boolean;
}

const DOMAIN: Record<VaultRole, string> = { prod: 'contoso.com', dev: 'dev.contoso.com', payments: 'pay.contoso.com' };

function demoCertificates(role: VaultRole): DemoCertificate[] {
  const d = DOMAIN[role];
  const tls = [EKU.serverAuth, EKU.clientAuth];
  return [
    {
      name: 'api-gateway-tls',
      subject: `CN=api.${d}, O=Contoso Ltd, C=US`,
      sans: { dns_names: [`api.${d}`, `gateway.${d}`, `*.api.${d}`] },
      key: 'rsa2048a',
      contentType: PKCS12,
      ekus: tls,
      validityMonths: 12,
      issuedDaysAgo: [400, 35],
      tags: { team: 'platform', env: role },
    },
    {
      name: 'payments-mtls-client',
      subject: `CN=payments-client, OU=Payments, O=Contoso Ltd`,
      sans: { emails: [`payments-ops@${d}`], upns: [`svc-payments@${d}`] },
      key: 'rsa2048b',
      contentType: PEM,
      ekus: [EKU.clientAuth],
      validityMonths: 6,
      issuedDaysAgo: [60],
      tags: { team: 'payments' },
    },
    {
      name: 'internal-wildcard',
      subject: `CN=*.internal.${d}`,
      sans: { dns_names: [`*.internal.${d}`, `internal.${d}`], ipAddresses: ['10.20.0.10'] },
      key: 'rsa2048c',
      contentType: PKCS12,
      ekus: [EKU.serverAuth],
      validityMonths: 12,
      // About 12 months ago: expires within the next 30 days.
      issuedDaysAgo: [348],
      tags: { renew: 'pending-approval' },
    },
    {
      name: 'legacy-portal-tls',
      subject: `CN=portal.${d}`,
      sans: { dns_names: [`portal.${d}`] },
      key: 'rsa2048a',
      contentType: PKCS12,
      ekus: [EKU.serverAuth],
      validityMonths: 12,
      issuedDaysAgo: [420],
    },
    {
      name: 'partner-sftp',
      subject: `CN=sftp.${d}, O=Contoso Ltd`,
      sans: { dns_names: [`sftp.${d}`] },
      key: 'rsa3072',
      contentType: PEM,
      ekus: [EKU.serverAuth],
      validityMonths: 12,
      issuedDaysAgo: [2],
      issuer: 'Unknown',
      pending: true,
    },
    {
      name: 'old-vpn-gateway',
      subject: `CN=vpn.${d}`,
      sans: { dns_names: [`vpn.${d}`] },
      key: 'rsa2048b',
      contentType: PKCS12,
      ekus: tls,
      validityMonths: 24,
      issuedDaysAgo: [500],
      deleted: true,
    },
  ];
}

function policyOf(cert: DemoCertificate, createdS: number): StoredPolicy {
  return parsePolicy(
    {
      key_props: { kty: 'RSA', key_size: cert.key === 'rsa3072' ? 3072 : 2048, exportable: true, reuse_key: false },
      secret_props: { contentType: cert.contentType },
      x509_props: { subject: cert.subject, sans: cert.sans, ekus: cert.ekus, key_usage: ['digitalSignature', 'keyEncipherment'], validity_months: cert.validityMonths },
      issuer: { name: cert.issuer ?? 'Self' },
    },
    undefined,
    createdS,
    true,
  );
}

async function addCertificate(vault: VaultState, rng: Prng, cert: DemoCertificate, now: number): Promise<void> {
  const store = vault.store(CERTIFICATES);
  const material: KeyMaterial = { hsm: false, jwk: DEMO_RSA[cert.key] };
  const firstS = Math.floor((now - cert.issuedDaysAgo[0] * DAY_MS) / 1000);
  const policy = policyOf(cert, firstS);
  for (const daysAgo of cert.issuedDaysAgo) {
    const issuedAt = now - daysAgo * DAY_MS;
    const createdAt = Math.floor(issuedAt / 1000);
    const versionId = rng.hex(32);
    const { object, version } = store.create(cert.name, {
      payload: {},
      attributes: { enabled: !cert.pending },
      tags: cert.tags,
      versionId,
      createdAt,
    });
    object.meta = { policy };
    addManagedKey(vault, cert.name, versionId, material, keyOpsFor(policy, material), createdAt);
    if (cert.pending) {
      const pending: PendingOperation = {
        requestId: rng.hex(32),
        versionId,
        issuer: { name: 'Unknown' },
        csr: await csrFor(policy, material),
        readyAt: issuedAt,
        status: 'inProgress',
        statusDetails: DETAILS.awaitingMerge,
        cancellationRequested: false,
        enabled: true,
      };
      object.meta.pending = pending;
      continue;
    }
    const der = await buildCertificate({ policy, material, notBefore: issuedAt, serial: Buffer.from(`01${rng.hex(30)}`, 'hex') });
    completeVersion(vault, object, version, [der], material, true, { createdAt, seedPfx: { macSalt: Buffer.from(rng.hex(32), 'hex'), iterations: 1 } });
  }
}

/** A certificate deleted `daysAgo` days before now: built aside, then put in the deleted state with its key and secret. */
async function addDeletedCertificate(vault: VaultState, rng: Prng, cert: DemoCertificate, now: number, daysAgo: number): Promise<void> {
  const aside = new VaultState({ ...vault.settings }, vault.clock);
  await addCertificate(aside, rng, cert, now);
  const deletedS = Math.floor((now - daysAgo * DAY_MS) / 1000);
  vault.store(CERTIFICATES).insertDeleted(aside.store(CERTIFICATES).getObject(cert.name), deletedS);
  vault.store(KEYS).insertDeleted(aside.store(KEYS).getObject(cert.name), deletedS);
  vault.store(SECRETS).insertDeleted(aside.store(SECRETS).getObject(cert.name), deletedS);
}

export async function seedDemoCertificates(ctx: SeedContext): Promise<void> {
  for (const cert of demoCertificates(ctx.role)) {
    if (cert.deleted) await addDeletedCertificate(ctx.vault, ctx.rng, cert, ctx.now, ctx.rng.int(2, 20));
    else await addCertificate(ctx.vault, ctx.rng, cert, ctx.now);
  }
}
