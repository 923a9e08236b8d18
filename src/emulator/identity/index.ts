// Public surface of the managed-identity emulation (token endpoints, identities, JWTs).

export type { IdentityServer, IdentityServerOptions } from './token-server.js';
export { APP_SERVICE_TOKEN_PATH, IMDS_TOKEN_PATH, startIdentityServer } from './token-server.js';
export type { Identity, IdentityKind, IdentityRegistry, IdentityRegistryOptions, IdentitySelector } from './registry.js';
export { createIdentityRegistry } from './registry.js';
export type { MintOptions, MintedToken, TokenClaims, TokenIssuer } from './jwt.js';
export { DEFAULT_TOKEN_LIFETIME_SECONDS, createTokenIssuer, decodeJwtClaims } from './jwt.js';
export { formatHostPort, isLoopbackHost } from './loopback.js';
