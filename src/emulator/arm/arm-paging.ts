// ARM-style paging: a page of `value` plus an absolute `nextLink` that repeats the query
// (api-version, $filter, $top) and adds an opaque $skiptoken.

export interface PageRequest {
  /** Absolute URL of the current request (its query is kept in nextLink). */
  url: URL;
  pageSize: number;
}

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

const SKIPTOKEN = '$skiptoken';

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** The offset a $skiptoken encodes, or an error message if it is not one of ours. */
export function readSkipToken(query: URLSearchParams): number | string {
  const token = query.get(SKIPTOKEN);
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the message
  }
  return `The $skiptoken "${token}" is not valid: follow nextLink as returned`;
}

/** One page from `items` starting at `offset`, with nextLink when more remain. */
export function page<T>(items: readonly T[], offset: number, request: PageRequest): Page<T> {
  const end = offset + request.pageSize;
  const result: Page<T> = { value: items.slice(offset, end) };
  if (end < items.length) {
    const next = new URL(request.url.href);
    next.searchParams.set(SKIPTOKEN, encodeToken(end));
    result.nextLink = next.href;
  }
  return result;
}
