/**
 * The Key Vault emulator as a library: `startEmulator(options)` starts one HTTPS server per
 * vault on loopback and resolves once all listen.
 *
 *   const emu = await startEmulator({ vaults: ['app'], deleteDelayMs: 5 });
 *   const client = new SecretClient(emu.vaults[0].url, credential, {
 *     tlsOptions: { ca: emu.caPem }, disableChallengeResourceVerification: true });
 *   ...
 *   await emu.stop();
 *
 * Beside the vaults it runs managed-identity token endpoints (plain HTTP, `emu.env` is what a
 * client process exports so DefaultAzureCredential gets tokens from them) and an ARM subset
 * for vault discovery (`emu.armEndpoint`). Any bearer token is accepted, unless `strict`:
 * then only tokens the identity endpoints minted, checked against each vault's access
 * policies (`emu.setAccessPolicies`, or the admin API `/_emulator/access-policies`). Faults
 * change at run time through `emu.faults` or the admin API (`/_emulator/faults`); admin API
 * requests carry the run's `emu.adminToken` (`emu.adminHeaders()`), else 401. Gates hold a
 * delete, purge or certificate issue until released (`emu.gates`, `/_emulator/gates`), and
 * `emu.idle()` waits until every request received so far has been answered.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { AccessControl } from './access/access-control.js';
import { createAccessAdminRoutes } from './access/access-admin-routes.js';
import type { AccessPolicy, AccessPolicyInput } from './access/access-policies.js';
import { AccessPolicyStore, defaultAccessPolicies, parseAccessPolicies } from './access/access-policies.js';
import { createAdminRoutes } from './admin-routes.js';
import type { ArmRefusals, ArmServer, ArmSubscription } from './arm/index.js';
import { DEFAULT_LOCATION, startArmServer } from './arm/index.js';
import { stableUuid } from './identity/stable-id.js';
import { VaultFleet } from './vault-fleet.js';
import type { EmulatorOptions } from './emulator-options.js';
import { checkDelay, checkLoopbackHost, defaultRecoveryLevel, resolveVaults } from './emulator-options.js';
import { FaultController } from './faults.js';
import { createGateRoutes } from './gate-routes.js';
import { OperationGates } from './gates.js';
import type { IdentityServer } from './identity/index.js';
import { startIdentityServer } from './identity/index.js';
import { RequestTracker } from './request-tracker.js';
import { Router } from './router.js';
import { routeModules } from './routes.js';
import { SEED_NAMES, seedVaults } from './seed.js';
import type { VaultServer } from './server.js';
import { createVaultServer } from './server.js';
import type { TlsMaterial } from './tls.js';
import { loadOrCreateTlsMaterial, userTlsMaterial } from './tls.js';
import { VaultState } from './vault-state.js';

export type { AccessPolicy, AccessPolicyInput, PolicyPermissions } from './access/access-policies.js';
export type { PolicyCollection } from './access/permissions.js';
export { PERMISSIONS } from './access/permissions.js';
export type { FaultController, FaultSettings, FaultStats } from './faults.js';
export type { Gate, GatedOperation, GateSpec, GateState, OperationGates } from './gates.js';
export type { IdentityServer } from './identity/index.js';
export type { RecoveryLevel } from './recovery-level.js';
export type { RequestLogEntry } from './server.js';
export type { SeedName } from './seed.js';
export { DEMO_VAULTS } from './seed.js';
export type { EmulatorOptions, VaultOptions, VaultSku } from './emulator-options.js';
export { checkLoopbackHost, checkVaultName } from './emulator-options.js';
export { ACCEPTED_API_VERSIONS, SUPPORTED_API_VERSIONS } from './api-versions.js';

export interface EmulatorVault {
  name: string;
  url: string;
}

export interface Emulator {
  vaults: EmulatorVault[];
  caPem: string;
  caFile?: string;
  faults: FaultController;
  /** Hold deletes, purges and certificate issues until released: `emu.gates.hold({ operation, vault?, collection?, name? })`. */
  gates: OperationGates;
  /** Vault requests received and not yet answered. */
  inFlight(): number;
  /** Resolves once every vault request received so far has been answered (and passed to `onRequest`). */
  idle(timeoutMs?: number): Promise<void>;
  strict: boolean;
  tenantId: string;
  /** Base URL of the managed-identity token endpoints (plain HTTP on loopback). */
  identityEndpoint: string;
  /** What a client process exports to get tokens from the emulator (AZURE_POD_IDENTITY_AUTHORITY_HOST). */
  env: Record<string, string>;
  /** The token endpoints, identities and `mintToken` for tests. */
  identity: IdentityServer;
  /** ARM endpoint for vault discovery and lifecycle (`https://127.0.0.1:P`). */
  armEndpoint: string;
  /** The subscriptions ARM lists. */
  subscriptions: readonly ArmSubscription[];
  /** What ARM refuses with 403, changeable at run time (e.g. `resourceGraph: true` to test a fallback). */
  armRefusals: ArmRefusals;
  /** Secret of this run that `/_emulator/*` requests carry (`Authorization: Bearer …` or `x-kvx-admin-token`). */
  adminToken: string;
  /** Headers that authorize an admin API request: `{ 'x-kvx-admin-token': adminToken }`. */
  adminHeaders(): Record<string, string>;
  /** A vault's live state (stores, settings), for tests and the demo. */
  vault(name: string): VaultState;
  accessPolicies(vault: string): AccessPolicy[];
  /** Replaces a vault's access policies; throws saying what is wrong with the input. */
  setAccessPolicies(vault: string, policies: AccessPolicyInput[]): AccessPolicy[];
  stop(): Promise<void>;
}

/** The `vault` of ARM requests in the request log: not a valid vault name, so it never collides with one. */
export const ARM_LOG_NAME = '(arm)';

function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = checkLoopbackHost(options.host ?? '127.0.0.1');
  const seed = options.seed ?? 'empty';
  if (!SEED_NAMES.includes(seed)) throw new Error(`Unknown seed '${String(seed)}'; allowed: ${SEED_NAMES.join(', ')}.`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`The port must be 0 to 65535, got ${port}.`);
  const deleteDelayMs = checkDelay('deleteDelayMs', options.deleteDelayMs);
  const purgeDelayMs = checkDelay('purgeDelayMs', options.purgeDelayMs);
  const certificateIssueDelayMs = checkDelay('certificateIssueDelayMs', options.certificateIssueDelayMs ?? (seed === 'demo' ? 1500 : 0));
  const vaultOptions = resolveVaults(options);
  if (port !== 0 && port + vaultOptions.length - 1 > 65535) throw new Error(`Not enough ports above ${port} for ${vaultOptions.length} vaults.`);

  let tls: TlsMaterial;
  if (options.cert !== undefined || options.key !== undefined) {
    if (options.cert === undefined || options.key === undefined) throw new Error('Give both a TLS certificate and its key, or neither.');
    tls = userTlsMaterial(options.cert, options.key, options.ca);
  } else {
    tls = await loadOrCreateTlsMaterial(options.tlsCacheDir);
  }

  const faults = new FaultController({
    ...(options.faults ?? {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
  });
  const clock = options.clock ?? Date.now;
  const gates = new OperationGates();
  const tracker = new RequestTracker();
  const states = vaultOptions.map(
    (v) =>
      new VaultState(
        {
          name: v.name,
          recoveryLevel: v.recoveryLevel ?? defaultRecoveryLevel(v),
          recoverableDays: v.recoverableDays ?? 90,
          deleteDelayMs: checkDelay('deleteDelayMs', v.deleteDelayMs ?? deleteDelayMs),
          purgeDelayMs: checkDelay('purgeDelayMs', v.purgeDelayMs ?? purgeDelayMs),
          certificateIssueDelayMs,
          sku: v.sku ?? 'premium',
        },
        clock,
        gates,
      ),
  );
  await seedVaults(states, seed, { random: options.seedRandom ?? 'kvx-demo', now: options.seedNow ?? clock() });

  const identity = await startIdentityServer({ host, ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}) });
  const tenantId = identity.tenantId;
  const policies = new AccessPolicyStore();
  const strict = options.strict === true;
  const vaultNamed = (name: string): VaultState => {
    const found = fleet?.state(name) ?? states.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`No vault named '${name}' in this emulator.`);
    return found;
  };
  // Random per run: any local process can reach loopback, only the starter knows this.
  const adminToken = randomBytes(24).toString('base64url');
  let arm: ArmServer | undefined;
  let fleet: VaultFleet | undefined;
  const startupServers: VaultServer[] = [];
  const stop = async () => {
    await Promise.all([...(fleet ? [fleet.stop()] : startupServers.map((s) => s.close())), identity.stop(), arm?.stop()]);
  };
  const subscriptions: ArmSubscription[] = options.subscriptions ?? [{ subscriptionId: stableUuid('subscription'), displayName: 'kvx emulator' }];
  if (subscriptions.length === 0) throw new Error('Give at least one subscription, or leave `subscriptions` out.');
  try {
    for (const v of vaultOptions) {
      const given = v.accessPolicies ?? options.accessPolicies;
      try {
        policies.set(v.name, given ? parseAccessPolicies(given, identity.identities) : defaultAccessPolicies(identity.identities));
      } catch (err) {
        throw new Error(`Vault '${v.name}': ${(err as Error).message}`, { cause: err });
      }
    }
    const access = new AccessControl({
      strict,
      verifyToken: identity.verifyToken,
      issuer: `https://sts.windows.net/${tenantId}/`,
      policies,
      location: DEFAULT_LOCATION,
    });
    const router = new Router(routeModules);
    const adminRouter = new Router([createAdminRoutes(faults), createAccessAdminRoutes(access, identity.identities), createGateRoutes(gates)]);
    const serve = async (state: VaultState, at: number) => {
      const server = createVaultServer({
        vault: state,
        router,
        adminRouter,
        faults,
        access,
        tenantId,
        location: DEFAULT_LOCATION,
        tls: { key: tls.key, cert: tls.cert },
        adminToken,
        onRequest: options.onRequest,
        tracker,
      });
      startupServers.push(server);
      const bound = await server.listen(at, host);
      return { server, port: bound, url: `https://${urlHost(host)}:${bound}` };
    };
    const vaultFleet = new VaultFleet({
      access,
      identities: identity.identities,
      serve,
      newVaultSettings: () => ({ deleteDelayMs, purgeDelayMs, certificateIssueDelayMs }),
      clock,
      createDelayMs: checkDelay('armCreateDelayMs', options.armCreateDelayMs),
      purgeDelayMs: checkDelay('vaultPurgeDelayMs', options.vaultPurgeDelayMs),
      defaultSubscriptionId: subscriptions[0].subscriptionId,
      gates,
    });
    for (const [i, state] of states.entries()) {
      const served = await serve(state, port === 0 ? 0 : port + i);
      state.url = served.url;
      const v = vaultOptions[i];
      vaultFleet.add(state, served.server, served.port, {
        subscriptionId: v.subscriptionId,
        ...(v.resourceGroup ? { resourceGroup: v.resourceGroup } : {}),
        ...(v.location ? { location: v.location } : {}),
        ...(v.tags ? { tags: v.tags } : {}),
      });
    }
    fleet = vaultFleet;
    arm = await startArmServer({
      host,
      tls: { certPem: tls.cert, keyPem: tls.key },
      tenantId,
      subscriptions,
      // Like the vaults: any token unless strict.
      ...(strict ? { verifyToken: (token: string) => identity.verifyToken(token) } : {}),
      vaults: () => vaultFleet.armVaults(),
      manager: vaultFleet,
      onRequest: options.onRequest ? (entry) => options.onRequest?.({ ...entry, vault: ARM_LOG_NAME, plane: 'arm' }) : undefined,
    });
  } catch (err) {
    await stop();
    throw err;
  }

  const liveFleet = fleet as VaultFleet;
  const armServer = arm as ArmServer;
  return {
    get vaults() {
      return liveFleet.states().map((s) => ({ name: s.name, url: s.url }));
    },
    caPem: tls.caPem,
    caFile: tls.caFile,
    faults,
    gates,
    inFlight: () => tracker.inFlight,
    idle: (timeoutMs) => tracker.idle(timeoutMs),
    strict,
    tenantId,
    identityEndpoint: identity.url,
    env: { ...identity.env },
    identity,
    armEndpoint: armServer.url,
    subscriptions,
    armRefusals: armServer.refusals,
    adminToken,
    adminHeaders: () => ({ 'x-kvx-admin-token': adminToken }),
    vault: vaultNamed,
    accessPolicies: (name) => policies.get(vaultNamed(name).name),
    setAccessPolicies(name, input) {
      const vault = vaultNamed(name);
      return policies.set(vault.name, parseAccessPolicies(input, identity.identities));
    },
    stop,
  };
}
