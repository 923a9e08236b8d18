// Every collection's routes. Adding a collection is one line here: import its RouteModule
// and append it to the list.
import type { RouteModule } from './router.js';
import { certificateRoutes } from './certificates/certificate-routes.js';
import { keyRoutes } from './keys/key-routes.js';
import { secretRoutes } from './secrets/secret-routes.js';

export const routeModules: readonly RouteModule[] = [
  secretRoutes,
  keyRoutes,
  certificateRoutes,
];
