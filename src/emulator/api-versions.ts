// The api-versions the emulator answers: every version current SDK clients send.
import { badParameter } from './errors.js';

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

/** Reads `api-version` from an already parsed query (the clients send it as `api%2Dversion`). */
export function checkApiVersion(query: URLSearchParams): string {
  const version = query.get('api-version');
  if (version === null || version === '') {
    throw badParameter(`The 'api-version' query parameter is required; supported versions: ${SUPPORTED_API_VERSIONS.join(', ')}.`);
  }
  if (!SUPPORTED_API_VERSIONS.includes(version)) {
    throw badParameter(
      `The specified version (${version.slice(0, 30)}) is not recognized; supported versions: ${SUPPORTED_API_VERSIONS.join(', ')}.`,
    );
  }
  return version;
}
