import type { RecoveryLevel } from './recovery-level.js';

/** The vault-wide settings an object store reads on every call (so they can change at run time). */
export interface StoreSettings {
  recoveryLevel: RecoveryLevel;
  recoverableDays: number;
  /** How long a deleted object stays invisible (404 both live and under /deleted*). */
  deleteDelayMs: number;
  /** How long a purge takes; the name stays taken meanwhile. */
  purgeDelayMs: number;
}
