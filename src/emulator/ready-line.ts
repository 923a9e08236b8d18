// What `kvx emulator` prints once every vault listens (one JSON line), and the identities
// section of `kvx emulator --help`: everything a client needs without reading the source —
// the vaults, the CA, each identity's client, object and resource ids, and the environment
// to export for either managed-identity style (IMDS, or App Service's IDENTITY_ENDPOINT +
// IDENTITY_HEADER).
import type { Identity, IdentityRegistry } from './identity/index.js';
import type { Emulator } from './index.js';

export interface ReadyIdentity {
  name: string;
  kind: Identity['kind'];
  clientId: string;
  objectId: string;
  resourceId?: string;
  upn?: string;
}

export interface ReadyLine {
  vaults: { name: string; url: string }[];
  caFile: string | null;
  tenantId: string;
  identityEndpoint: string;
  /** IMDS style (the same as `envs.imds`), kept for clients of the first ready line. */
  env: Record<string, string>;
  /** Both managed-identity styles: export one set; add AZURE_CLIENT_ID for a user-assigned identity. */
  envs: { imds: Record<string, string>; appService: Record<string, string> };
  identities: ReadyIdentity[];
  armEndpoint: string;
  strict: boolean;
  /** Secret of this run for the admin API (`x-kvx-admin-token` or `Authorization: Bearer`). */
  adminToken: string;
}

export function readyIdentities(registry: IdentityRegistry): ReadyIdentity[] {
  return registry.all.map((i) => ({
    name: i.name,
    kind: i.kind,
    clientId: i.clientId,
    objectId: i.objectId,
    ...(i.resourceId !== undefined ? { resourceId: i.resourceId } : {}),
    ...(i.upn !== undefined ? { upn: i.upn } : {}),
  }));
}

export function readyLine(emulator: Emulator, caFile: string | null): ReadyLine {
  return {
    vaults: emulator.vaults.map((v) => ({ name: v.name, url: v.url })),
    caFile,
    tenantId: emulator.tenantId,
    identityEndpoint: emulator.identityEndpoint,
    env: { ...emulator.env },
    envs: { imds: { ...emulator.env }, appService: { ...emulator.identity.appServiceEnv } },
    identities: readyIdentities(emulator.identity.identities),
    armEndpoint: emulator.armEndpoint,
    strict: emulator.strict,
    adminToken: emulator.adminToken,
  };
}

/** The identities section of `kvx emulator --help` (ids follow from the tenant, so they are known before start). */
export function identitiesHelp(registry: IdentityRegistry): string {
  const lines = [
    'Ready line: also "envs" {"imds": {AZURE_POD_IDENTITY_AUTHORITY_HOST}, "appService":',
    '{IDENTITY_ENDPOINT, IDENTITY_HEADER}} (export one set in a client process; add',
    'AZURE_CLIENT_ID=<client id> for a user-assigned identity) and "identities" (below).',
    '',
    `Identities (tenant ${registry.tenantId}):`,
  ];
  for (const i of registry.all) {
    lines.push(`  ${i.name} (${i.kind}${i.upn ? `, ${i.upn}` : ''})`);
    lines.push(`    client id  ${i.clientId}`);
    lines.push(`    object id  ${i.objectId}`);
    if (i.resourceId) lines.push(`    resource   ${i.resourceId}`);
  }
  return `${lines.join('\n')}\n`;
}
