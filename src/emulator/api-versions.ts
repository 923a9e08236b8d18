// The api-versions the emulator answers: every data-plane version the service publishes,
// previews and the legacy date versions included (Python's KeyClient sends 7.4-preview.1,
// the legacy KeyVaultClient 2016-10-01). Each is answered with the shapes of the nearest
// version the emulator implements; an unknown one is refused in the service's words.
import { badParameter } from './errors.js';

/** The versions whose shapes the emulator implements. */
export const SUPPORTED_API_VERSIONS: readonly string[] = [
  '7.0',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.6',
  '2025-07-01',
  '2026-04-01',
];

export const LATEST_API_VERSION = '2026-04-01';

/** Published versions the emulator has no shapes of its own for → the implemented version nearest to each. */
const NEAREST: Readonly<Record<string, string>> = {
  '2015-06-01': '7.0',
  '2016-10-01': '7.0',
  '7.0-preview': '7.0',
  '7.1-preview': '7.1',
  '7.2-preview': '7.2',
  '7.3-preview': '7.3',
  '7.4-preview.1': '7.4',
  '7.5-preview.1': '7.5',
  '7.6-preview.1': '7.6',
  '7.6-preview.2': '7.6',
};

/** Every version a request may name. */
export const ACCEPTED_API_VERSIONS: readonly string[] = [...Object.keys(NEAREST), ...SUPPORTED_API_VERSIONS];

/**
 * Reads `api-version` from an already parsed query (the clients send it as `api%2Dversion`)
 * and returns the implemented version whose shapes answer it.
 */
export function checkApiVersion(query: URLSearchParams): string {
  const version = query.get('api-version');
  if (version === null || version === '') {
    throw badParameter(`The 'api-version' query parameter is required. Consider using the latest supported version (${LATEST_API_VERSION}).`);
  }
  if (SUPPORTED_API_VERSIONS.includes(version)) return version;
  const nearest = NEAREST[version.toLowerCase()];
  if (nearest !== undefined) return nearest;
  // The service's words: "The specified version (7.9) is not recognized. Consider using the latest supported version (7.4)."
  throw badParameter(
    `The specified version (${version.slice(0, 30)}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`,
  );
}
