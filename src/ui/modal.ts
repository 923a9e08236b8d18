// The dialogs the explorer can show over its panes. While one is open it owns the keys.
import type { ClassifiedError, DeletedVaultInfo, ItemSummary, VaultState } from '../store/types.js';

export type FormKind =
  | 'secret.new'
  | 'secret.version'
  | 'secret.edit'
  | 'key.new'
  | 'key.edit'
  | 'certificate.new'
  | 'certificate.edit'
  | 'certificate.import'
  | 'certificate.download';

export type Modal =
  | { type: 'form'; form: FormKind; vault: string; item?: ItemSummary; version?: string }
  | { type: 'delete'; item: ItemSummary }
  /** Purge of a deleted item, or the purge half of "delete and purge" (`chained`). */
  | { type: 'purge'; item: ItemSummary; chained: boolean }
  /** `y` on a secret: copy its value, the id of the version shown, or its versionless URI. */
  | { type: 'copy'; item: ItemSummary; version?: string }
  /** One error, whole: what failed (`title`) and the classified error. */
  | { type: 'error'; title: string; error: ClassifiedError }
  /** Vaults through ARM: the create form, delete (asks), purge of a deleted vault (type the name). */
  | { type: 'vault.new' }
  | { type: 'vault.delete'; vault: VaultState }
  | { type: 'vault.purge'; vault: DeletedVaultInfo }
  /** Who may access a vault: its access policies, edited through ARM. */
  | { type: 'vault.policies'; vaultUrl: string }
  /** Rotating a key makes a new version that every user of the key picks up: asked first. */
  | { type: 'rotate'; item: ItemSummary }
  /** Cancelling a certificate request at the service: asked first. */
  | { type: 'cancelOperation'; operationId: string; what: string }
  /** Quitting while operations run: wait, quit anyway or stay. */
  | { type: 'quit' };
