// The emulator's vaults as a fleet that ARM can change at run time: each live vault has its
// state, its HTTPS server and its ARM metadata (subscription, group, location, SKU…). The ARM
// properties are read from what the data plane applies — retention days and purge protection
// from the vault's recovery settings, access policies from the policy store strict mode
// enforces — and ARM writes change those same settings, so the next request sees them.
import type { AccessControl } from './access/access-control.js';
import type { AccessPolicy } from './access/access-policies.js';
import { canonicalPermissions, POLICY_COLLECTIONS } from './access/permissions.js';
import { applyPolicyUpdate, toEntry } from './fleet-policies.js';
import type { AccessPolicyUpdateKind, ArmVaultManager, Provisioning, VaultSpec } from './arm/arm-manager.js';
import { ArmError } from './arm/arm-manager.js';
import type { ArmAccessPolicyEntry, ArmDeletedVault, ArmVault, ArmVaultProperties } from './arm/arm-resources.js';
import { DEFAULT_LOCATION, DEFAULT_RESOURCE_GROUP } from './arm/arm-resources.js';
import { defaultRecoveryLevel } from './emulator-options.js';
import type { IdentityRegistry } from './identity/index.js';
import { isPurgeAllowed } from './recovery-level.js';
import type { VaultServer } from './server.js';
import { VaultState } from './vault-state.js';
import type { OperationGates } from './gates.js';

export interface ArmMetadata {
  subscriptionId?: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  enableRbacAuthorization: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  provisioningState: string;
}

interface LiveVault {
  state: VaultState;
  server: VaultServer;
  meta: ArmMetadata;
  port: number;
}

interface DeletedVault {
  live: Omit<LiveVault, 'server'>;
  deletionDate: Date;
  purging: boolean;
  /** Access policies kept for a recover. */
  policies: AccessPolicy[];
}

export interface FleetOptions {
  access: AccessControl;
  identities: IdentityRegistry;
  /** Starts the HTTPS server of a vault on `port` (0: any); resolves with the server and its URL. */
  serve(state: VaultState, port: number): Promise<{ server: VaultServer; url: string; port: number }>;
  /** Settings a vault created through ARM gets besides what the request says (delays, clock). */
  newVaultSettings(name: string): { deleteDelayMs: number; purgeDelayMs: number; certificateIssueDelayMs: number };
  clock: () => number;
  /** How long a vault created through ARM reports provisioningState RegisteringDns (ms). */
  createDelayMs: number;
  /** How long purging a deleted vault takes (ms). */
  purgeDelayMs: number;
  /** The first subscription: where a vault without one lives. */
  defaultSubscriptionId: string;
  /** The emulator's gates, so a vault created through ARM can be held like the others. */
  gates?: OperationGates;
}

const DAY_MS = 86_400_000;

export class VaultFleet implements ArmVaultManager {
  private readonly live = new Map<string, LiveVault>();
  private readonly deleted = new Map<string, DeletedVault>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Servers of deleted vaults still closing, by vault name. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(private readonly options: FleetOptions) {}

  /** Adds a vault started at emulator start-up. */
  add(state: VaultState, server: VaultServer, port: number, meta: Partial<ArmMetadata>): void {
    this.live.set(state.name.toLowerCase(), { state, server, port, meta: { ...defaultMeta(), ...meta } });
  }

  states(): VaultState[] {
    return [...this.live.values()].map((v) => v.state);
  }

  /** A live or deleted vault's state (tests and the admin API look at deleted ones too). */
  state(name: string): VaultState | undefined {
    const key = name.toLowerCase();
    return this.live.get(key)?.state ?? this.deleted.get(key)?.live.state;
  }

  armVaults(): ArmVault[] {
    return [...this.live.values()].map((v) => this.armView(v));
  }

  deletedVaults(): ArmDeletedVault[] {
    return [...this.deleted.values()].map(({ live, deletionDate }) => ({
      name: live.state.name,
      subscriptionId: live.meta.subscriptionId ?? this.options.defaultSubscriptionId,
      resourceGroup: live.meta.resourceGroup,
      location: live.meta.location,
      deletionDate,
      scheduledPurgeDate: new Date(deletionDate.getTime() + live.state.settings.recoverableDays * DAY_MS),
      purgeProtectionEnabled: !isPurgeAllowed(live.state.recoveryLevel),
      tags: live.meta.tags,
    }));
  }

  async create(spec: VaultSpec): Promise<Provisioning> {
    const p = spec.properties;
    const retention = p.softDeleteRetentionInDays ?? 90;
    const purgeProtection = p.enablePurgeProtection === true;
    const state = new VaultState(
      {
        name: spec.name,
        recoverableDays: retention,
        recoveryLevel: defaultRecoveryLevel({ name: spec.name, recoverableDays: retention, purgeProtection }),
        // A vault created through ARM is the SKU it asked for (the service's default is standard).
        sku: p.sku ?? 'standard',
        ...this.options.newVaultSettings(spec.name),
      },
      this.options.clock,
      this.options.gates,
    );
    const policies = this.toPolicies(p.accessPolicies ?? []);
    const { server, url, port } = await this.options.serve(state, 0);
    state.url = url;
    this.options.access.policies.set(state.name, policies);
    const entry: LiveVault = { state, server, port, meta: this.metaFrom(spec) };
    this.live.set(state.name.toLowerCase(), entry);
    const provisioned = this.provision(entry);
    return { vault: this.armView(entry), provisioned };
  }

  update(name: string, change: { tags?: Record<string, string>; properties: ArmVaultProperties }): ArmVault {
    const entry = this.live.get(name.toLowerCase());
    if (!entry) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.KeyVault/vaults/${name}' was not found.`);
    const p = change.properties;
    const settings = entry.state.settings;
    const protectedNow = !isPurgeAllowed(settings.recoveryLevel);
    if (p.enablePurgeProtection === false && protectedNow) {
      throw new ArmError(400, 'BadRequest', `Purge protection of vault '${entry.state.name}' is on and cannot be turned off.`);
    }
    if (p.accessPolicies) this.options.access.policies.set(entry.state.name, this.toPolicies(p.accessPolicies));
    if (p.softDeleteRetentionInDays !== undefined) settings.recoverableDays = p.softDeleteRetentionInDays;
    const purgeProtection = protectedNow || p.enablePurgeProtection === true;
    // The data plane reads these for every delete and purge: what ARM says is what applies.
    settings.recoveryLevel = defaultRecoveryLevel({ name: entry.state.name, recoverableDays: settings.recoverableDays, purgeProtection });
    if (change.tags) entry.meta.tags = change.tags;
    // The SKU is the vault's own setting: key creation reads it (standard refuses HSM keys).
    if (p.sku) entry.state.settings.sku = p.sku;
    if (p.enableRbacAuthorization !== undefined) entry.meta.enableRbacAuthorization = p.enableRbacAuthorization;
    if (p.publicNetworkAccess) entry.meta.publicNetworkAccess = p.publicNetworkAccess;
    return this.armView(entry);
  }

  async delete(name: string): Promise<void> {
    const key = name.toLowerCase();
    const entry = this.live.get(key);
    if (!entry) return;
    this.live.delete(key);
    const policies = this.options.access.policies.get(entry.state.name);
    this.deleted.set(key, { live: { state: entry.state, meta: entry.meta, port: entry.port }, deletionDate: new Date(this.options.clock()), purging: false, policies });
    // New connections are refused at once; the answer does not wait for keep-alive sockets to time out.
    const closed: Promise<void> = entry.server.close().finally(() => {
      if (this.closing.get(key) === closed) this.closing.delete(key);
    });
    this.closing.set(key, closed);
  }

  async recover(name: string, spec: VaultSpec): Promise<Provisioning> {
    const key = name.toLowerCase();
    const gone = this.deleted.get(key);
    if (!gone || gone.purging) throw new ArmError(404, 'ResourceNotFound', `There is no deleted vault named '${name}' to recover.`);
    // Back on its old port once its old server let go of it, so its vaultUri stays the same.
    await this.closing.get(key);
    let served;
    try {
      served = await this.options.serve(gone.live.state, gone.live.port);
    } catch {
      served = await this.options.serve(gone.live.state, 0);
    }
    gone.live.state.url = served.url;
    this.deleted.delete(key);
    this.options.access.policies.set(gone.live.state.name, gone.policies);
    const entry: LiveVault = { ...gone.live, server: served.server, port: served.port, meta: { ...gone.live.meta, tags: Object.keys(spec.tags).length > 0 ? spec.tags : gone.live.meta.tags } };
    this.live.set(key, entry);
    const provisioned = this.provision(entry);
    return { vault: this.armView(entry), provisioned };
  }

  purge(name: string): Promise<void> {
    const key = name.toLowerCase();
    const gone = this.deleted.get(key);
    if (!gone) return Promise.reject(new ArmError(404, 'ResourceNotFound', `There is no deleted vault named '${name}'.`));
    gone.purging = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.deleted.get(key) === gone) this.deleted.delete(key);
        this.options.access.policies.set(gone.live.state.name, []);
        resolve();
      }, this.options.purgeDelayMs);
      this.timers.add(timer);
    });
  }

  updateAccessPolicies(name: string, kind: AccessPolicyUpdateKind, entries: readonly ArmAccessPolicyEntry[]): ArmAccessPolicyEntry[] {
    const entry = this.live.get(name.toLowerCase());
    if (!entry) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.KeyVault/vaults/${name}' was not found.`);
    const store = this.options.access.policies;
    const next = applyPolicyUpdate(store.get(entry.state.name), this.toPolicies(entries), kind);
    store.set(entry.state.name, next);
    return store.get(entry.state.name).map(toEntry);
  }

  /** Stops every server and pending purge. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.live.values()].map((v) => v.server.close()).concat([...this.closing.values()]));
  }

  private provision(entry: LiveVault): Promise<void> {
    if (this.options.createDelayMs === 0) {
      entry.meta.provisioningState = 'Succeeded';
      return Promise.resolve();
    }
    entry.meta.provisioningState = 'RegisteringDns';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        entry.meta.provisioningState = 'Succeeded';
        resolve();
      }, this.options.createDelayMs);
      this.timers.add(timer);
    });
  }

  private metaFrom(spec: VaultSpec): ArmMetadata {
    return {
      subscriptionId: spec.subscriptionId,
      resourceGroup: spec.resourceGroup,
      location: spec.location,
      tags: spec.tags,
      enableRbacAuthorization: spec.properties.enableRbacAuthorization ?? false,
      publicNetworkAccess: spec.properties.publicNetworkAccess ?? 'Enabled',
      provisioningState: 'Succeeded',
    };
  }

  private toPolicies(entries: readonly ArmAccessPolicyEntry[]): AccessPolicy[] {
    return entries.map((e, i) => {
      const permissions = { secrets: [] as string[], keys: [] as string[], certificates: [] as string[] };
      for (const collection of POLICY_COLLECTIONS) {
        try {
          permissions[collection] = canonicalPermissions(collection, e.permissions[collection] ?? []);
        } catch (error) {
          throw new ArmError(400, 'BadRequest', `accessPolicies[${i}]: ${(error as Error).message}`);
        }
      }
      const objectId = e.objectId.toLowerCase();
      const identity = this.options.identities.all.find((x) => x.objectId.toLowerCase() === objectId)?.name;
      return { tenantId: e.tenantId.toLowerCase(), objectId, permissions, ...(identity ? { identity } : {}) };
    });
  }

  private armView(entry: LiveVault): ArmVault {
    const { state, meta } = entry;
    return {
      name: state.name,
      url: state.url,
      subscriptionId: meta.subscriptionId ?? this.options.defaultSubscriptionId,
      resourceGroup: meta.resourceGroup,
      location: meta.location,
      tags: meta.tags,
      properties: {
        sku: state.settings.sku ?? 'premium',
        softDeleteRetentionInDays: state.settings.recoverableDays,
        enablePurgeProtection: !isPurgeAllowed(state.recoveryLevel),
        enableSoftDelete: true,
        enableRbacAuthorization: meta.enableRbacAuthorization,
        publicNetworkAccess: meta.publicNetworkAccess,
        accessPolicies: this.options.access.policies.get(state.name).map(toEntry),
        provisioningState: meta.provisioningState,
      },
    };
  }
}

function defaultMeta(): ArmMetadata {
  return {
    resourceGroup: DEFAULT_RESOURCE_GROUP,
    location: DEFAULT_LOCATION,
    tags: {},
    enableRbacAuthorization: false,
    publicNetworkAccess: 'Enabled',
    provisioningState: 'Succeeded',
  };
}
