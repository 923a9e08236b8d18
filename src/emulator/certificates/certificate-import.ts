// Reading an imported certificate: a PFX (base64, with or without a password) or PEM text
// holding the private key and the certificate chain. Errors carry the service's messages and
// never the password or key.
import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { badParameter } from '../errors.js';
import { decodeName, formatName, fromPem, parsePkcs12, readCertificate } from '../x509/index.js';
import type { SecretContentType, StoredPolicy } from './certificate-policy.js';
import { PEM, PKCS12 } from './certificate-policy.js';

export const PKCS12_UNREADABLE = 'The specified PKCS#12 X.509 certificate content can not be read. Please check if certificate is in valid PKCS#12 format.';
export const PEM_UNREADABLE = 'The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format.';

export interface ImportedCertificate {
  contentType: SecretContentType;
  privateKey: KeyObject;
  /** DER; the key's own certificate first. */
  chain: Buffer[];
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function readPem(text: string, password: string | undefined): ImportedCertificate {
  let privateKey: KeyObject | undefined;
  const certificates: Buffer[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1];
    if (label === 'CERTIFICATE') {
      certificates.push(fromPem(match[0], 'CERTIFICATE'));
    } else if (label.endsWith('PRIVATE KEY')) {
      if (privateKey) throw badParameter(`${PEM_UNREADABLE} (It holds more than one private key.)`);
      try {
        privateKey = createPrivateKey(password ? { key: match[0], format: 'pem', passphrase: password } : { key: match[0], format: 'pem' });
      } catch {
        throw badParameter(`${PEM_UNREADABLE} (The private key cannot be read${label.startsWith('ENCRYPTED') ? ' with the given password' : ''}.)`);
      }
    }
  }
  if (certificates.length === 0) throw badParameter(`${PEM_UNREADABLE} (No CERTIFICATE block.)`);
  if (!privateKey) throw badParameter(`${PEM_UNREADABLE} (The PEM must hold the private key as well as the certificate.)`);
  return { contentType: PEM, privateKey, chain: orderChain(privateKey, certificates, PEM_UNREADABLE) };
}

function readPfx(base64: string, password: string | undefined): ImportedCertificate {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw badParameter(PKCS12_UNREADABLE);
  let parsed;
  try {
    parsed = parsePkcs12(Buffer.from(base64, 'base64'), password ?? '');
  } catch {
    // Wrong password, damaged file or unsupported cipher: the service says the same for all.
    throw badParameter(PKCS12_UNREADABLE);
  }
  if (!parsed.privateKey) throw badParameter(`${PKCS12_UNREADABLE} (It holds no private key.)`);
  if (parsed.certificates.length === 0) throw badParameter(`${PKCS12_UNREADABLE} (It holds no certificate.)`);
  return { contentType: PKCS12, privateKey: parsed.privateKey, chain: orderChain(parsed.privateKey, parsed.certificates, PKCS12_UNREADABLE) };
}

/** The certificate matching the key first, then the rest in their order. */
function orderChain(privateKey: KeyObject, certificates: Buffer[], message: string): Buffer[] {
  const spki = (der: Buffer) => readCertificate(der).publicKey.export({ type: 'spki', format: 'der' });
  const own = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  let index: number;
  try {
    index = certificates.findIndex((der) => spki(der).equals(own));
  } catch {
    throw badParameter(message);
  }
  if (index < 0) throw badParameter(`${message} (No certificate matches the private key.)`);
  return [certificates[index], ...certificates.filter((_, i) => i !== index)];
}

/**
 * Reads the value of an import body; `hint` is the policy's content type when given. The
 * value is PEM text, or base64 of PEM text (what the SDKs send for a PEM file: the REST spec
 * calls `value` the "Base64 encoded representation of the certificate object"), or base64 of
 * a PFX — the service takes all three.
 */
export function readImport(value: string, password: string | undefined, hint: SecretContentType | undefined): ImportedCertificate {
  if (value.includes('-----BEGIN')) return readPem(value, password);
  const pemText = base64Pem(value);
  if (pemText !== undefined) return readPem(pemText, password);
  if (hint === PEM) throw badParameter(`${PEM_UNREADABLE} (Give PEM text, or base64 of PEM text.)`);
  return readPfx(value, password);
}

/** The PEM text `value` is the base64 of, if it is. */
function base64Pem(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return text.includes('-----BEGIN') ? text : undefined;
}

/**
 * One `x5c` entry of a merge: base64 of the DER (as the spec says), or base64 of what the
 * SDKs' callers often hand them instead — the base64 text of the DER, or PEM text.
 */
export function readX5cEntry(entry: string): Buffer {
  const bytes = Buffer.from(entry, 'base64');
  if (bytes[0] === 0x30) return bytes; // a DER SEQUENCE
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text);
  if (pem) return fromPem(pem[0], 'CERTIFICATE');
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) return Buffer.from(text, 'base64');
  return bytes;
}

/** Policy fields an imported certificate implies: subject, SANs, usages, validity, key. */
export function policyInputFromCertificate(der: Buffer, privateKey: KeyObject, contentType: SecretContentType): Record<string, unknown> {
  const cert = readCertificate(der);
  const ext = cert.extensions;
  const months = Math.max(1, Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / (30.4375 * 86_400_000)));
  const sans: Record<string, string[]> = {};
  if (ext.sans?.dns?.length) sans.dns_names = ext.sans.dns;
  if (ext.sans?.email?.length) sans.emails = ext.sans.email;
  if (ext.sans?.upn?.length) sans.upns = ext.sans.upn;
  if (ext.sans?.ip?.length) sans.ipAddresses = ext.sans.ip;
  const details = privateKey.asymmetricKeyDetails;
  const ec = privateKey.asymmetricKeyType === 'ec';
  const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'P-256K' }[details?.namedCurve ?? ''];
  return {
    key_props: ec ? { kty: 'EC', crv: curve, exportable: true, reuse_key: false } : { kty: 'RSA', key_size: details?.modulusLength, exportable: true, reuse_key: false },
    secret_props: { contentType },
    x509_props: {
      subject: formatName(decodeName(cert.subjectDer)),
      sans,
      ekus: ext.extendedKeyUsage ?? [],
      key_usage: ext.keyUsage ?? [],
      validity_months: Math.min(1200, months),
    },
    issuer: { name: 'Unknown' },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'EmailContacts' } }],
  };
}

/** Whether an import's policy (merged) is usable for the key it brings. */
export function checkPolicyMatchesKey(policy: StoredPolicy, privateKey: KeyObject): void {
  const ec = privateKey.asymmetricKeyType === 'ec';
  if (ec !== policy.key_props.kty.startsWith('EC')) {
    throw badParameter(`The imported private key is ${ec ? 'EC' : 'RSA'} but the policy's 'key_props.kty' is ${policy.key_props.kty}.`);
  }
}
