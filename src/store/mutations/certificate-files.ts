// Reads a certificate file for import and checks it before anything is sent: the file exists,
// is PEM (certificate + matching private key) or PFX/PKCS#12 (opened with the password by
// OpenSSL through node's TLS layer). Answers say what is wrong and what is allowed.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { Checked, CertificateFormat } from '../validate-input.js';

export interface CertificateFile {
  format: CertificateFormat;
  /** PEM text as bytes, or the PFX bytes, as the import call takes them. */
  bytes: Uint8Array;
}

/** Big enough for any certificate chain; stops a mistyped path from reading a disk image. */
const MAX_FILE_BYTES = 1024 * 1024;

const bad = (field: string, message: string): Checked<CertificateFile> => ({ ok: false, problem: { field, message } });

export async function readCertificateFile(path: string, password: string | undefined): Promise<Checked<CertificateFile>> {
  const p = path.trim();
  if (p === '') return bad('file', 'File is required: the path of a .pem or .pfx file with the certificate and its private key.');
  let size: number;
  try {
    const info = await stat(p);
    if (!info.isFile()) return bad('file', `${p} is not a file; give the path of a .pem or .pfx file.`);
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return bad('file', code === 'ENOENT' ? `${p} does not exist; give the path of a .pem or .pfx file.` : `${p} cannot be read (${code ?? 'error'}).`);
  }
  if (size > MAX_FILE_BYTES) return bad('file', `${p} is ${size} bytes; a certificate file is at most 1 MiB.`);
  let bytes: Buffer;
  try {
    bytes = await readFile(p);
  } catch (error) {
    return bad('file', `${p} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return checkPem(p, bytes, text);
  return checkPfx(p, bytes, password);
}

function checkPem(path: string, bytes: Buffer, text: string): Checked<CertificateFile> {
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (!certBlock) return bad('file', `${path} has no CERTIFICATE block; a PEM import needs the certificate and its private key.`);
  const keyBlock = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.exec(text);
  if (!keyBlock) return bad('file', `${path} has no PRIVATE KEY block; a PEM import needs the certificate and its unencrypted private key.`);
  if (keyBlock[0].includes('ENCRYPTED')) return bad('file', `${path} holds an encrypted private key; Key Vault imports PEM keys unencrypted (or use a password-protected PFX).`);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certBlock[0]);
  } catch {
    return bad('file', `${path}: the CERTIFICATE block does not parse as X.509.`);
  }
  try {
    const key = createPrivateKey(keyBlock[0]);
    if (!cert.checkPrivateKey(key)) return bad('file', `${path}: the private key does not belong to the certificate.`);
  } catch {
    return bad('file', `${path}: the PRIVATE KEY block does not parse.`);
  }
  return { ok: true, value: { format: 'PEM', bytes: new Uint8Array(bytes) } };
}

function checkPfx(path: string, bytes: Buffer, password: string | undefined): Checked<CertificateFile> {
  if (bytes[0] !== 0x30) return bad('file', `${path} is neither PEM (text with -----BEGIN CERTIFICATE-----) nor PFX/PKCS#12 (binary).`);
  try {
    createSecureContext({ pfx: bytes, passphrase: password ?? '' });
  } catch (error) {
    const message = (error as Error).message;
    if (/mac verify|bad decrypt|password/i.test(message)) {
      return { ok: false, problem: { field: 'password', message: password ? 'The password does not open this PFX file.' : 'This PFX file needs a password.' } };
    }
    return bad('file', `${path} does not parse as PFX/PKCS#12 with a certificate and private key.`);
  }
  return { ok: true, value: { format: 'PFX', bytes: new Uint8Array(bytes) } };
}
