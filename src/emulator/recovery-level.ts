/**
 * A vault's recovery level as the service names it, and what each level allows. Apart from
 * the store because option validation and vault state need the names without the store.
 */
export type RecoveryLevel =
  | 'Purgeable'
  | 'Recoverable+Purgeable'
  | 'Recoverable'
  | 'Recoverable+ProtectedSubscription'
  | 'CustomizedRecoverable+Purgeable'
  | 'CustomizedRecoverable'
  | 'CustomizedRecoverable+ProtectedSubscription';

export const RECOVERY_LEVELS: readonly RecoveryLevel[] = [
  'Purgeable',
  'Recoverable+Purgeable',
  'Recoverable',
  'Recoverable+ProtectedSubscription',
  'CustomizedRecoverable+Purgeable',
  'CustomizedRecoverable',
  'CustomizedRecoverable+ProtectedSubscription',
];

export function isSoftDeleteEnabled(level: RecoveryLevel): boolean {
  return level !== 'Purgeable';
}

export function isPurgeAllowed(level: RecoveryLevel): boolean {
  return level.endsWith('Purgeable');
}
