// The store's public surface (loaded lazily by the runtime; pulls in the Azure SDK clients).
export type { StoreOptions } from './create-store.js';
export { createStore, detailsKey } from './create-store.js';
export { classifyError } from './classify-error.js';
export { clientOptionsFor } from './vault-session.js';
export type * from './types.js';
