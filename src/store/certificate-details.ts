// A certificate's facts as people check them mid-incident: who it is for (subject, SANs),
// who issued it, serial, thumbprints, validity, usages, and the policy it renews under.
// Parsed with node:crypto's X509Certificate from the DER the service returns (`cer`).
import { X509Certificate } from 'node:crypto';
import type { CertificatePolicy } from '@azure/keyvault-certificates';
import type { CertificateDetails } from './types.js';

/** Well-known extended key usage OIDs → names. */
const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** `CN=a\nO=b` (node's form) → `CN=a, O=b`. */
function distinguishedName(text: string): string {
  return text.split('\n').filter((l) => l !== '').join(', ');
}

/** `DNS:a.example, IP Address:10.0.0.1` → ['DNS:a.example', 'IP:10.0.0.1']. */
export function splitSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  // Quoted entries (node quotes names with commas) must not be split inside.
  const parts = text.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  return parts.map((p) => p.trim().replace(/^IP Address:/, 'IP:')).filter((p) => p !== '');
}

function ekuName(oid: string): string {
  return EKU_NAMES[oid] ?? oid;
}

/** Pairs to show for a policy, in the order people look for them. Empty values are left out. */
export function flattenPolicy(policy: CertificatePolicy | undefined): (readonly [string, string])[] {
  if (!policy) return [];
  const out: (readonly [string, string])[] = [];
  const add = (label: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (Array.isArray(value)) {
      if (value.length > 0) out.push([label, value.join(', ')]);
      return;
    }
    out.push([label, value instanceof Date ? value.toISOString() : String(value)]);
  };
  add('issuer', policy.issuerName);
  add('subject', policy.subject);
  const sans = policy.subjectAlternativeNames;
  if (sans) {
    add('SAN dns', sans.dnsNames);
    add('SAN emails', sans.emails);
    add('SAN upns', sans.userPrincipalNames);
  }
  add('validity (months)', policy.validityInMonths);
  add('key type', policy.keyType);
  add('key size', policy.keySize);
  add('curve', policy.keyCurveName);
  add('reuse key', policy.reuseKey);
  add('exportable', policy.exportable);
  add('content type', policy.contentType);
  add('key usage', policy.keyUsage);
  add('extended key usage', policy.enhancedKeyUsage?.map(ekuName));
  add('certificate type', policy.certificateType);
  add('transparency', policy.certificateTransparency);
  add('enabled', policy.enabled);
  for (const action of policy.lifetimeActions ?? []) {
    const when =
      action.lifetimePercentage !== undefined
        ? `at ${action.lifetimePercentage}% of lifetime`
        : action.daysBeforeExpiry !== undefined
          ? `${action.daysBeforeExpiry} days before expiry`
          : 'when due';
    add('lifetime action', `${action.action ?? 'unknown'} ${when}`);
  }
  return out;
}

/** Details from the certificate's DER (when issued) and its policy (when known). */
export function certificateDetails(cer: Uint8Array | undefined, policy: CertificatePolicy | undefined): CertificateDetails {
  const out: CertificateDetails = { sans: [], keyUsage: [...(policy?.keyUsage ?? [])], extendedKeyUsage: [], policy: flattenPolicy(policy) };
  if (!cer || cer.length === 0) {
    out.extendedKeyUsage = (policy?.enhancedKeyUsage ?? []).map(ekuName);
    return out;
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(cer));
  } catch {
    // Not a certificate node can parse: keep what the policy says.
    out.extendedKeyUsage = (policy?.enhancedKeyUsage ?? []).map(ekuName);
    return out;
  }
  out.subject = distinguishedName(x509.subject);
  out.issuer = distinguishedName(x509.issuer);
  out.sans = splitSubjectAltName(x509.subjectAltName);
  out.serialNumber = x509.serialNumber;
  out.thumbprintSha1 = x509.fingerprint.replace(/:/g, '');
  out.thumbprintSha256 = x509.fingerprint256.replace(/:/g, '');
  out.validFrom = new Date(x509.validFrom);
  out.validTo = new Date(x509.validTo);
  // node's `keyUsage` holds the extended key usage OIDs (undefined when the extension is absent).
  const ekus = x509.keyUsage ?? policy?.enhancedKeyUsage ?? [];
  out.extendedKeyUsage = ekus.map(ekuName);
  out.pem = x509.toString();
  return out;
}
