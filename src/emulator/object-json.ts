/** A stored object's attributes and deletion facts as they go on the wire. */
import { isSoftDeleteEnabled } from './recovery-level.js';
import type { StoreSettings } from './store-settings.js';
import type { DeletedObject, VersionAttributes } from './stored-object.js';

/** The attributes as on the wire, with the vault's recovery settings. */
export function attributesJson(a: VersionAttributes, settings: StoreSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { enabled: a.enabled };
  if (a.nbf !== undefined) out.nbf = a.nbf;
  if (a.exp !== undefined) out.exp = a.exp;
  out.created = a.created;
  out.updated = a.updated;
  out.recoveryLevel = settings.recoveryLevel;
  out.recoverableDays = isSoftDeleteEnabled(settings.recoveryLevel) ? settings.recoverableDays : 0;
  return out;
}

/** `recoveryId`, `deletedDate`, `scheduledPurgeDate` for a deleted bundle or item of `collection`; empty when not recoverable. */
export function deletionJson<P, M>(vaultUrl: string, collection: string, entry: DeletedObject<P, M>): Record<string, unknown> {
  if (!entry.recoverable) return {};
  return {
    recoveryId: `${vaultUrl}/deleted${collection}/${entry.object.name}`,
    deletedDate: entry.deletedDate,
    scheduledPurgeDate: entry.scheduledPurgeDate,
  };
}
