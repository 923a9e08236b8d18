// The key and secret behind a certificate are managed by it: their lifetime follows the
// certificate's, so deleting them on their own is refused (delete the certificate instead).
import { forbidden } from './errors.js';

export function refuseManagedDelete(kind: 'key' | 'secret', name: string, managed: boolean): void {
  if (!managed) return;
  throw forbidden(
    `Operation "delete" is not allowed on ${kind} ${name} because it is managed by certificate ${name}. Delete the certificate instead.`,
  );
}
