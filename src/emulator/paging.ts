// Paging as the service does it: `{"value": [...], "nextLink": "<absolute url>" | null}`,
// page size from `maxresults` (1..25, default 25), continuation in `$skiptoken`.
//
// A list is read through a Cursor: a walk in the order the list is returned in, from the
// item a skip token names. The token is made from that same order (the last item returned),
// so pages never skip or repeat items whatever the items' other fields (two versions created
// in one second), and a page costs O(page) when the cursor walks an index.
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

/** A list in the order it is returned in, readable from a position. */
export interface Cursor<T> {
  /** Calls `visit` with each item after the one `after` names (from the first when null), in list order, until it returns false. */
  forEachAfter(after: string | null, visit: (item: T) => boolean): void;
  /** What names an item's position: a later walk continues right after it. */
  token(item: T): string;
}

/** A cursor over an array sorted by `key` (unique per item). */
export function sortedArrayCursor<T>(items: readonly T[], key: (item: T) => string): Cursor<T> {
  return {
    token: key,
    forEachAfter(after, visit) {
      let lo = 0;
      if (after !== null) {
        let hi = items.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (key(items[mid]) <= after) lo = mid + 1;
          else hi = mid;
        }
      }
      for (let i = lo; i < items.length; i++) if (!visit(items[i])) return;
    },
  };
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
 * One page of the list `cursor` walks, keeping the items `include` accepts (all when absent).
 * The nextLink carries every query parameter of the request (`includePending`, `api-version`,
 * …) so later pages list the same thing, plus the skip token and page size.
 */
export function paginate<T, R>(
  cursor: Cursor<T>,
  render: (item: T) => R,
  request: PageRequest,
  include?: (item: T) => boolean,
): Page<R> {
  const size = pageSize(request.query);
  const token = request.query.get('$skiptoken');
  const after = token === null || token === '' ? null : decodeSkipToken(token);
  // One more than the page: whether it exists decides the nextLink.
  const taken: T[] = [];
  cursor.forEachAfter(after, (item) => {
    if (!include || include(item)) taken.push(item);
    return taken.length <= size;
  });
  const slice = taken.slice(0, size);
  let nextLink: string | null = null;
  if (taken.length > size) {
    const next = new URL(request.path, request.vaultUrl);
    for (const [name, value] of request.query) {
      if (name !== '$skiptoken' && name !== 'maxresults') next.searchParams.append(name, value);
    }
    if (!next.searchParams.has('api-version')) next.searchParams.set('api-version', request.apiVersion);
    next.searchParams.set('$skiptoken', encodeSkipToken(cursor.token(slice[slice.length - 1])));
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
