// What the mutating store actions take. Forms parse people's text into these with the checks
// in validate-input.ts; the store checks them again before sending, so a direct call with bad
// input is refused the same way.
import type { CertificateFormat, NewKeyType } from '../validate-input.js';

/** Attributes shared by every kind; undefined leaves a value unset (create) or unchanged (update). */
export interface AttributeInput {
  enabled?: boolean;
  notBefore?: Date;
  expiresOn?: Date;
  /** Replaces all tags when given. */
  tags?: Record<string, string>;
}

export interface SecretInput extends AttributeInput {
  /** The vault's URL. */
  vault: string;
  name: string;
  value: string;
  contentType?: string;
}

export interface KeyInput extends AttributeInput {
  vault: string;
  name: string;
  keyType: NewKeyType;
  /** RSA: 2048/3072/4096; oct-HSM: 128/192/256. */
  keySize?: number;
  /** EC: P-256, P-384, P-521, P-256K. */
  curve?: string;
  keyOps?: string[];
}

export interface CertificateInput {
  vault: string;
  name: string;
  /** e.g. "CN=app.contoso.com, O=Contoso". */
  subject: string;
  dnsNames: string[];
  validityInMonths: number;
  keyType: 'RSA' | 'EC';
  keySize?: number;
  curve?: string;
  /** How the secret behind the certificate is stored: PEM or PFX. */
  format: CertificateFormat;
  enabled?: boolean;
  tags?: Record<string, string>;
}

export interface CertificateImportInput {
  vault: string;
  name: string;
  /** Path of a PEM (certificate + private key) or PFX file. */
  file: string;
  password?: string;
  enabled?: boolean;
  tags?: Record<string, string>;
}

/** Attribute changes for one version (the latest when `version` is absent). */
export interface PropertiesUpdate extends AttributeInput {
  /** secrets only. */
  contentType?: string;
  /** keys only. */
  keyOps?: string[];
  version?: string;
}

export interface DownloadRequest {
  /** The certificate version; latest when absent. */
  version?: string;
  format: 'pem' | 'der';
  /** Where to write; an existing file is not replaced unless `overwrite`. */
  path: string;
  overwrite?: boolean;
}
