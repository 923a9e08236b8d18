// Render counts for tests: panes report each render here, and nothing is kept unless a test
// installed a counter. Lets a test show that a key re-rendered only what changed.

let counter: ((pane: string) => void) | undefined;

/** Calls `count(pane)` on every render of a reporting pane until the returned function is called. */
export function countRenders(count: (pane: string) => void): () => void {
  counter = count;
  return () => {
    if (counter === count) counter = undefined;
  };
}

/** Called at the top of a pane's render. */
export function rendered(pane: string): void {
  counter?.(pane);
}
