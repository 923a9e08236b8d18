// The key and secret behind a certificate are managed by it: their lifetime follows the
// certificate's, so changing it on its own (delete; set a secret version) is refused with the
// service's 403, e.g. 'Operation "set" is not allowed as this object's lifetime is managed by
// Key Vault.' with innererror SecretManagedByKeyVault.
import { forbidden } from './errors.js';

export function refuseManaged(operation: 'delete' | 'set', kind: 'key' | 'secret', managed: boolean): void {
  if (!managed) return;
  throw forbidden(
    `Operation "${operation}" is not allowed as this object's lifetime is managed by Key Vault.`,
    kind === 'secret' ? 'SecretManagedByKeyVault' : 'KeyManagedByKeyVault',
  );
}
