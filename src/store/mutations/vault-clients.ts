// What the mutations need from a vault session: its identity and one client of each kind.
// Structural, so the store's VaultSession fits and tests can hand in clients they built.
import type { CertificateClient } from '@azure/keyvault-certificates';
import type { KeyClient } from '@azure/keyvault-keys';
import type { SecretClient } from '@azure/keyvault-secrets';
import type { CollectionKind, OperationSubject, VaultInfo } from '../types.js';

export interface VaultClients {
  readonly info: VaultInfo;
  secrets(): SecretClient;
  keys(): KeyClient;
  certificates(): CertificateClient;
}

/** An item as mutations address it: ItemSummary fits. */
export interface ItemRef {
  kind: CollectionKind;
  name: string;
  vaultUrl: string;
}

export const SINGULAR: Record<OperationSubject, string> = { keys: 'key', secrets: 'secret', certificates: 'certificate', vaults: 'vault' };
