// Deterministic GUIDs: the emulator's tenant and identities keep the same ids across runs,
// so docs and scripts can name them (e.g. AZURE_CLIENT_ID for the user-assigned identity).

import { createHash } from 'node:crypto';

/** A GUID derived from `seed` (name-based, RFC 4122 version 5 layout over SHA-256). */
export function stableUuid(seed: string): string {
  const bytes = createHash('sha256').update(`kvx-emulator:${seed}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
