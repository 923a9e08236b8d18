// Paging as the service does it: `{"value": [...], "nextLink": "<absolute url>" | null}`,
// page size from `maxresults` (1..25, default 25), continuation in `$skiptoken`.
import { badParameter } from './errors.js';

export const MAX_PAGE_SIZE = 25;

export interface Page<T> {
  value: T[];
  nextLink: string | null;
}

export interface PageRequest {
  /** The request's query (URLSearchParams parses the percent-encoded `api%2Dversion` too). */
  query: URLSearchParams;
  /** Vault origin, e.g. `https://127.0.0.1:8443`. */
  vaultUrl: string;
  /** Path of the list, e.g. `/secrets` or `/secrets/foo/versions`. */
  path: string;
  apiVersion: string;
}

export function pageSize(query: URLSearchParams): number {
  const raw = query.get('maxresults');
  if (raw === null || raw === '') return MAX_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badParameter(`Invalid maxresults '${raw.slice(0, 20)}': it must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

/**
 * One page of `items`, which must be sorted by `key` (unique per item). The skiptoken names
 * the last key returned, so a page stays correct when items are added or removed meanwhile.
 */
export function paginate<T, R>(
  items: readonly T[],
  key: (item: T) => string,
  render: (item: T) => R,
  request: PageRequest,
): Page<R> {
  const size = pageSize(request.query);
  const token = request.query.get('$skiptoken');
  let start = 0;
  if (token !== null && token !== '') {
    const after = decodeSkipToken(token);
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + size);
  let nextLink: string | null = null;
  if (start + size < items.length && slice.length > 0) {
    const next = new URL(request.path, request.vaultUrl);
    next.searchParams.set('api-version', request.apiVersion);
    next.searchParams.set('$skiptoken', encodeSkipToken(key(slice[slice.length - 1])));
    next.searchParams.set('maxresults', String(size));
    nextLink = next.toString();
  }
  return { value: slice.map(render), nextLink };
}

function encodeSkipToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeSkipToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && typeof (parsed as { after?: unknown }).after === 'string') {
      return (parsed as { after: string }).after;
    }
  } catch {
    // fall through to the error below
  }
  throw badParameter(`Invalid $skiptoken: use the nextLink of the previous page as it is.`);
}
