// Which key types a vault takes, as the service decides: a Key Vault (not a Managed HSM)
// refuses software `oct` keys outright, and a standard-SKU vault refuses every
// HSM-protected type. The errors carry the service's words and codes.
import { badParameter, ServiceError } from '../errors.js';
import type { VaultState } from '../vault-state.js';
import type { KeyMaterial } from './key-material.js';
import { keyTypeOf } from './key-material.js';

export function checkKeyTypeAllowed(vault: VaultState, material: KeyMaterial): void {
  const kty = keyTypeOf(material);
  if (kty === 'oct') {
    // The service's answer to {"kty":"oct"} on a vault, word for word.
    throw new ServiceError(400, 'BadParameter', 'Invalid kty value: oct', 'KeyTypeNotSupported');
  }
  if (material.hsm && (vault.settings.sku ?? 'premium') === 'standard') {
    throw badParameter('Hardware key operation not allowed on standard vault');
  }
}
