// Fetches one item's details (one version, or the current one) through the right client.
// For secrets the value the service sends along is dropped here: details never hold a value,
// only revealSecret does, and only until it is hidden again.
import type { AbortSignalLike } from '@azure/abort-controller';
import { certificateDetails } from './certificate-details.js';
import { certificateSummary, deletedCertificateSummary, deletedKeySummary, deletedSecretSummary, keySummary, secretSummary } from './item-summary.js';
import { keyDetails } from './key-details.js';
import type { ItemDetails, ItemSummary } from './types.js';
import type { VaultSession } from './vault-session.js';

export async function fetchItemDetails(
  session: VaultSession,
  item: ItemSummary,
  options: { version?: string; abortSignal?: AbortSignalLike } = {},
): Promise<ItemDetails> {
  const url = session.info.url;
  const request = { abortSignal: options.abortSignal };
  const deleted = item.deletedOn !== undefined || item.recoveryId !== undefined;
  switch (item.kind) {
    case 'secrets': {
      if (deleted) return deletedSecretSummary(url, await session.secrets().getDeletedSecret(item.name, request));
      const secret = await session.secrets().getSecret(item.name, { ...request, version: options.version });
      return secretSummary(url, secret.properties);
    }
    case 'keys': {
      const key = deleted
        ? await session.keys().getDeletedKey(item.name, request)
        : await session.keys().getKey(item.name, { ...request, version: options.version });
      const summary = deleted ? deletedKeySummary(url, key) : keySummary(url, key.properties, key.keyType);
      return { ...summary, key: keyDetails(key) };
    }
    case 'certificates': {
      const client = session.certificates();
      if (deleted) {
        const cert = await client.getDeletedCertificate(item.name, request);
        return { ...deletedCertificateSummary(url, cert), certificate: certificateDetails(cert.cer, cert.policy) };
      }
      if (options.version) {
        // A specific version has no policy of its own; the current policy still applies.
        const [cert, policy] = await Promise.all([
          client.getCertificateVersion(item.name, options.version, request),
          client.getCertificatePolicy(item.name, request).catch(() => undefined),
        ]);
        return { ...certificateSummary(url, { ...cert.properties, name: item.name }), certificate: certificateDetails(cert.cer, policy) };
      }
      const cert = await client.getCertificate(item.name, request);
      const summary = certificateSummary(url, { ...cert.properties, name: item.name });
      if (cert.policy?.issuerName) summary.issuer = cert.policy.issuerName;
      const details = certificateDetails(cert.cer, cert.policy);
      if (!cert.cer || cert.cer.length === 0) {
        // Not issued yet: say where issuance stands.
        try {
          const poller = await client.getCertificateOperation(item.name, request);
          const op = poller.getOperationState().certificateOperation;
          if (op?.status) details.pending = { status: op.status, ...(op.statusDetails ? { statusDetails: op.statusDetails } : {}) };
        } catch {
          // No pending operation (or no permission to read it): nothing more to say.
        }
      }
      return { ...summary, certificate: details };
    }
  }
}
