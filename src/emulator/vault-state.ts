// One emulated vault: its name, URL, recovery settings and one object store per collection.
import type { CollectionSpec } from './collection-spec.js';
import type { GateCheck } from './gates.js';
import { OperationGates } from './gates.js';
import type { RecoveryLevel } from './recovery-level.js';
import type { StoreSettings } from './store-settings.js';
import { ObjectStore } from './object-store.js';

export interface VaultSettings extends StoreSettings {
  readonly name: string;
  /** How long a certificate stays `inProgress` before its issuer (Self or a configured one) issues it (ms). */
  certificateIssueDelayMs?: number;
  /** Pricing tier: `standard` vaults refuse HSM-protected key types. Default `premium`. */
  sku?: 'standard' | 'premium';
}

export class VaultState {
  /** Set once the vault's server listens, e.g. `https://127.0.0.1:41234`. */
  url = '';
  readonly settings: VaultSettings;
  /** Holds this vault's deletes, purges and certificate issues while a matching gate is closed. */
  readonly gates: GateCheck;
  private readonly stores = new Map<string, ObjectStore<unknown, unknown>>();

  constructor(
    settings: VaultSettings,
    /** Epoch ms; every store reads time through it. */
    readonly clock: () => number = Date.now,
    /** The emulator's gates (gates.ts); a vault made alone gets its own. */
    gates: OperationGates = new OperationGates(),
  ) {
    this.settings = { ...settings };
    this.gates = gates.forVault(() => this.name);
  }

  get name(): string {
    return this.settings.name;
  }

  get recoveryLevel(): RecoveryLevel {
    return this.settings.recoveryLevel;
  }

  /** The store for a collection, created on first use. */
  store<P, M>(spec: CollectionSpec<P, M>): ObjectStore<P, M> {
    let store = this.stores.get(spec.name);
    if (!store) {
      store = new ObjectStore<P, M>(spec, () => this.settings, this.clock, this.gates) as unknown as ObjectStore<unknown, unknown>;
      this.stores.set(spec.name, store);
    }
    return store as unknown as ObjectStore<P, M>;
  }
}
