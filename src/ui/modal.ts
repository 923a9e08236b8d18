// The dialogs the explorer can show over its panes. While one is open it owns the keys.
import type { ItemSummary } from '../store/types.js';

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
  /** Rotating a key makes a new version that every user of the key picks up: asked first. */
  | { type: 'rotate'; item: ItemSummary }
  /** Cancelling a certificate request at the service: asked first. */
  | { type: 'cancelOperation'; operationId: string; what: string }
  /** Quitting while operations run: wait, quit anyway or stay. */
  | { type: 'quit' };
