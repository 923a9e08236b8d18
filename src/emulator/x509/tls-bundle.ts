// A throwaway CA and a server certificate for loopback HTTPS (the emulator's vaults and
// ARM endpoint). EC P-256 keys, so generating a bundle takes milliseconds.

import { generateKeyPairSync } from 'node:crypto';
import { createCertificate } from './certificate.js';
import { EKU } from './extensions.js';

export interface TlsBundle {
  /** The CA certificate clients trust (`tlsOptions: { ca: caPem }`). */
  caPem: string;
  /** The CA's private key (PKCS#8 PEM), e.g. to issue more leaves later. */
  caKeyPem: string;
  /** The server (leaf) certificate, for `https.createServer({ cert, key })`. */
  certPem: string;
  /** The leaf's private key (PKCS#8 PEM). */
  keyPem: string;
}

export interface TlsBundleOptions {
  /** DNS names on the leaf; default ['localhost']. */
  dnsNames?: string[];
  /** IP addresses on the leaf; default ['127.0.0.1', '::1']. */
  ipAddresses?: string[];
  /** Validity in days from now (both certificates); default 30. */
  validDays?: number;
  /** CA subject; default "CN=kvx emulator CA, O=kvx". */
  caSubject?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Generates a CA and a leaf it signs, valid for localhost, 127.0.0.1 and ::1 by default. */
export async function createTlsBundle(options: TlsBundleOptions = {}): Promise<TlsBundle> {
  const validDays = options.validDays ?? 30;
  if (!(validDays > 0)) throw new Error(`validDays must be a positive number, got ${validDays}`);
  // Back-date a little so a client whose clock is slightly behind still accepts it.
  const notBefore = new Date(Date.now() - HOUR);
  const notAfter = new Date(Date.now() + validDays * DAY);

  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caCert = await createCertificate({
    subject: options.caSubject ?? 'CN=kvx emulator CA, O=kvx',
    privateKey: ca.privateKey,
    notBefore,
    notAfter,
    isCA: true,
    pathLen: 0,
    keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
  });

  const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const dnsNames = options.dnsNames ?? ['localhost'];
  const leafCert = await createCertificate({
    subject: `CN=${dnsNames[0] ?? 'localhost'}, O=kvx`,
    publicKey: leaf.publicKey,
    issuer: { certificate: caCert.der, privateKey: ca.privateKey },
    notBefore,
    notAfter,
    isCA: false,
    keyUsage: ['digitalSignature', 'keyAgreement'],
    extendedKeyUsage: [EKU.serverAuth],
    sans: { dns: dnsNames, ip: options.ipAddresses ?? ['127.0.0.1', '::1'] },
  });

  return {
    caPem: caCert.pem,
    caKeyPem: ca.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certPem: leafCert.pem,
    keyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
