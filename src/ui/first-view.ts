// What the explorer shows first, started as soon as the store exists rather than once React
// has mounted the explorer and run its effects (~15 ms of a 2-core VM's CPU before the first
// request): the list of the first vault in the first view, or vault discovery when no vault
// was named. The explorer's own effects (use-collection-loading.ts, use-discovery.ts) then
// find them running and start nothing twice.
import type { Store } from '../store/types.js';
import { initialNav } from './navigation.js';
import { currentVault } from './view-model.js';

export function startFirstView(store: Store): void {
  const snapshot = store.getSnapshot();
  const vault = currentVault(snapshot, initialNav);
  if (vault) store.loadCollection(vault.url, initialNav.kind, { deleted: initialNav.deleted });
  else if (snapshot.discovery.status === 'idle') store.discoverVaults();
}
