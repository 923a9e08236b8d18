// Saves a certificate's public part (DER as the service keeps it, or PEM) to a file. Reads the
// vault, changes nothing there, so it works in read-only mode. An existing file is kept unless
// the caller says to replace it.
import { writeFile } from 'node:fs/promises';
import type { DownloadRequest } from './inputs.js';
import type { VaultClients } from './vault-clients.js';
import { ActionRefusedError } from '../operations-errors.js';

/** DER → PEM with 64-column base64 lines. */
export function derToPem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export async function downloadCertificate(clients: VaultClients, name: string, request: DownloadRequest): Promise<{ path: string; bytes: number }> {
  const path = request.path.trim();
  if (path === '') throw new ActionRefusedError('invalid', 'A file path is required.', 'path');
  const client = clients.certificates();
  const certificate = request.version ? await client.getCertificateVersion(name, request.version) : await client.getCertificate(name);
  const der = certificate.cer;
  if (!der || der.length === 0) throw new ActionRefusedError('invalid', `certificate "${name}" has no issued certificate yet (still pending?)`);
  const data = request.format === 'pem' ? Buffer.from(derToPem(der)) : Buffer.from(der);
  try {
    await writeFile(path, data, { flag: request.overwrite ? 'w' : 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ActionRefusedError('conflict', `${path} already exists and was kept; choose another file.`, 'path');
    throw new ActionRefusedError('invalid', `cannot write ${path} (${code ?? 'error'}).`, 'path');
  }
  return { path, bytes: data.length };
}
