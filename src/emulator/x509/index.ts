// Public surface of the X.509 building blocks (certificates, CSRs, PKCS#12, names, PEM, TLS bundle).

export type { TlsBundle, TlsBundleOptions } from './tls-bundle.js';
export { createTlsBundle } from './tls-bundle.js';
export type { CertificateIssuer, CreateCertificateOptions, EncodedObject, ReadCertificate } from './certificate.js';
export { createCertificate, randomSerial, readCertificate } from './certificate.js';
export type { CreateCsrOptions, ParsedCsr } from './csr.js';
export { createCsr, parseCsr } from './csr.js';
export type { KeyUsage, ParsedExtensions, SubjectAltNames } from './extensions.js';
export { EKU, KEY_USAGES } from './extensions.js';
export type { DistinguishedName, NameAttribute, Rdn } from './name.js';
export { decodeName, encodeName, formatName, normalizeName, parseName } from './name.js';
export type { HashName } from './signing-crypto.js';
export type { CreatePkcs12Options, ParsedPkcs12 } from './pkcs12.js';
export { createPkcs12, parsePkcs12 } from './pkcs12.js';
export { fromPem, toPem } from './pem.js';
