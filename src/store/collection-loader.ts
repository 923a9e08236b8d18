// Drives a page iterator until its last page, handing each page over as soon as it arrives.
// The next page is requested before the current one is handed over, so whatever the page
// causes (snapshot updates, a render) never delays the next request.
// Cancelling stops at once: the SDK sends only the first request with the abort signal
// (later pages follow nextLink without it), so a page still in flight is left to finish in
// the background and is dropped.
import type { Page } from './vault-session.js';

export type LoadEnd = 'complete' | 'aborted';

export async function loadPages(pages: AsyncGenerator<Page>, signal: AbortSignal, onPage: (page: Page) => void): Promise<LoadEnd> {
  if (signal.aborted) return 'aborted';
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const request = () => {
    const next = pages.next();
    // An abandoned request may still fail later; nobody is waiting for it then.
    next.catch(() => undefined);
    return next;
  };
  try {
    let next = request();
    for (;;) {
      const result = await Promise.race([next, aborted]);
      if (result === 'aborted' || signal.aborted) return 'aborted';
      if (result.done) return 'complete';
      next = request();
      onPage(result.value);
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
