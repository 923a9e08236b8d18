// Issuing a certificate version: its key material, the X.509 built from the policy, and the
// managed key (/keys/{n}) and secret (/secrets/{n}) that share the certificate's version id.
import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { KEYS } from '../keys/key-collection.js';
import type { CurveName, KeyMaterial, KeyOperation } from '../keys/key-material.js';
import { asymmetricKeys, defaultKeyOps, ecJwkFromKeyObject, generateKeyMaterial, rsaJwkFromKeyObject } from '../keys/key-material.js';
import type { SecretPayload } from '../secrets/secret-collection.js';
import { SECRETS } from '../secrets/secret-collection.js';
import type { VaultState } from '../vault-state.js';
import type { CertificateIssuer } from '../x509/index.js';
import { createCertificate, createCsr, createPkcs12, readCertificate, toPem } from '../x509/index.js';
import type { CertificateObject, CertificateVersion } from './certificate-collection.js';
import type { SecretContentType, StoredPolicy } from './certificate-policy.js';
import { PEM } from './certificate-policy.js';

/** New key material for a policy, or the previous version's when the policy reuses keys. */
export async function keyMaterialFor(policy: StoredPolicy, previous: KeyMaterial | undefined): Promise<KeyMaterial> {
  const kp = policy.key_props;
  if (kp.reuse_key && previous && previous.jwk.kty === (kp.kty.startsWith('EC') ? 'EC' : 'RSA')) return previous;
  return kp.kty.startsWith('EC')
    ? generateKeyMaterial({ kty: kp.kty, curve: kp.crv })
    : generateKeyMaterial({ kty: kp.kty, keySize: kp.key_size });
}

/** Key operations the certificate's key allows, from its key usage (as the service derives them). */
export function keyOpsFor(policy: StoredPolicy, material: KeyMaterial): KeyOperation[] {
  const usage = new Set(policy.x509_props.key_usage);
  const rsa = material.jwk.kty === 'RSA';
  const ops: KeyOperation[] = [];
  if (usage.has('digitalSignature') || usage.has('nonRepudiation') || usage.has('keyCertSign') || usage.has('cRLSign')) ops.push('sign', 'verify');
  if (rsa && usage.has('keyEncipherment')) ops.push('wrapKey', 'unwrapKey');
  if (rsa && (usage.has('keyEncipherment') || usage.has('dataEncipherment'))) ops.push('encrypt', 'decrypt');
  return ops.length > 0 ? [...new Set(ops)] : defaultKeyOps(material).filter((op) => op !== 'import' && op !== 'export');
}

function sansOf(policy: StoredPolicy) {
  const s = policy.x509_props.sans;
  return s ? { dns: s.dns_names, email: s.emails, upn: s.upns, ip: s.ipAddresses } : undefined;
}

/** The PKCS#10 request the pending operation shows (base64 DER). */
export async function csrFor(policy: StoredPolicy, material: KeyMaterial): Promise<string> {
  const x = policy.x509_props;
  const csr = await createCsr({
    subject: x.subject,
    privateKey: asymmetricKeys(material).privateKey,
    sans: sansOf(policy),
    keyUsage: x.key_usage,
    extendedKeyUsage: x.ekus,
  });
  return csr.der.toString('base64');
}

/** Adds `months` calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const out = new Date(date);
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

export interface IssueInput {
  policy: StoredPolicy;
  material: KeyMaterial;
  /** Epoch ms: the certificate is valid from here for the policy's validity_months. */
  notBefore: number;
  /** Signs as this CA; self-signed when absent (issuer `Self`). */
  issuer?: CertificateIssuer;
  serial?: Buffer;
}

/** The X.509 certificate (DER) a policy describes. */
export async function buildCertificate(input: IssueInput): Promise<Buffer> {
  const x = input.policy.x509_props;
  const notBefore = new Date(Math.floor(input.notBefore / 1000) * 1000);
  const certificate = await createCertificate({
    subject: x.subject,
    privateKey: asymmetricKeys(input.material).privateKey,
    issuer: input.issuer,
    serial: input.serial,
    notBefore,
    notAfter: addMonths(notBefore, x.validity_months),
    sans: sansOf(input.policy),
    keyUsage: x.key_usage,
    extendedKeyUsage: x.ekus,
  });
  return certificate.der;
}

/** How demo seeds make PFX secrets: a fixed MAC salt (reproducible) and one MAC iteration (fast; there is no password to guess). */
export interface SeedPfxOptions {
  macSalt: Buffer;
  iterations: number;
}

/** The managed secret's value: PEM (private key, then the certificates) or a PFX without a password (base64), as Key Vault stores them. */
export function secretValue(contentType: SecretContentType, privateKey: KeyObject, certificates: Buffer[], seedPfx?: SeedPfxOptions): string {
  if (contentType === PEM) {
    const key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    return key + certificates.map((der) => toPem(der, 'CERTIFICATE')).join('');
  }
  return createPkcs12({ privateKey, certificates, ...(seedPfx ?? {}) }).toString('base64');
}

/** Key material for an imported private key (RSA or EC on a Key Vault curve). */
export function materialFromKeyObject(privateKey: KeyObject): KeyMaterial | undefined {
  if (privateKey.asymmetricKeyType === 'rsa') return { hsm: false, jwk: rsaJwkFromKeyObject(privateKey) };
  if (privateKey.asymmetricKeyType === 'ec') {
    const curves: Record<string, CurveName> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'P-256K' };
    const curve = curves[privateKey.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve) return { hsm: false, jwk: ecJwkFromKeyObject(privateKey, curve) };
  }
  return undefined;
}

/** The managed key version behind a certificate version (created when the version starts). */
export function addManagedKey(vault: VaultState, name: string, versionId: string, material: KeyMaterial, keyOps: KeyOperation[], createdAt?: number): void {
  vault.store(KEYS).create(name, { payload: { material, keyOps, managed: true }, versionId, createdAt });
}

/**
 * Fills in an issued version: the certificate, its validity as nbf/exp on the certificate and
 * key versions, and the managed secret holding the private key and chain.
 */
export function completeVersion(
  vault: VaultState,
  object: CertificateObject,
  version: CertificateVersion,
  chain: Buffer[],
  material: KeyMaterial,
  enabled: boolean,
  options: { createdAt?: number; seedPfx?: SeedPfxOptions } = {},
): void {
  const policy = object.meta?.policy;
  if (!policy) throw new Error(`certificate ${object.name} has no policy`);
  const leaf = readCertificate(chain[0]);
  const nbf = Math.floor(leaf.notBefore.getTime() / 1000);
  const exp = Math.floor(leaf.notAfter.getTime() / 1000);
  version.payload = { ...version.payload, cer: chain[0].toString('base64') };
  version.attributes = { ...version.attributes, enabled, nbf, exp };
  const keys = vault.store(KEYS);
  const keyVersion = keys.getVersion(object.name, version.version);
  keyVersion.attributes = { ...keyVersion.attributes, enabled, nbf, exp };
  const contentType = policy.secret_props.contentType;
  const payload: SecretPayload = {
    value: secretValue(contentType, asymmetricKeys(material).privateKey, chain, options.seedPfx),
    contentType,
    kid: `/keys/${object.name}/${version.version}`,
    managed: true,
  };
  vault.store(SECRETS).create(object.name, {
    payload,
    attributes: { enabled, nbf, exp },
    versionId: version.version,
    createdAt: options.createdAt,
  });
}

/** A stable serial for seeds: derived from a name, positive, 16 bytes. */
export function serialFrom(text: string): Buffer {
  const serial = createHash('sha256').update(text).digest().subarray(0, 16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}
