/**
 * Gates: hold an emulated long-running operation where it is until the test (or script) that
 * closed the gate releases it. A test that must act while an operation is still running
 * (cancel a pending certificate, see "deleting", purge while the delete is unfinished) then
 * waits for a condition instead of racing a delay that a loaded machine may outlast.
 *
 *   const gate = emu.gates.hold({ operation: 'certificate-issue', vault: 'app', name: 'web-tls' });
 *   ...create web-tls; it answers inProgress for as long as the gate is closed...
 *   await gate.caught();        // the create reached the emulator and is held
 *   gate.release();             // now it completes (once its own delay has passed too)
 *
 * An operation is held by the gates that were closed and matched it when it started; gates
 * closed later do not catch it, and a released gate never holds again. What "held" means:
 *  - `delete`: the deleted object stays "being deleted" (404 live and under /deleted*, new
 *    sets 409 `ObjectIsBeingDeleted`), as during `deleteDelayMs`.
 *  - `purge`: the purge was accepted (204) but the deleted object still shows under /deleted*
 *    and its name stays taken, as while the service is still purging.
 *  - `certificate-issue`: the create's pending operation stays `inProgress` (cancel still works).
 * A gate matches by vault, collection (`secrets`, `keys`, `certificates`) and object name
 * (case aside); each left out matches any. A certificate's delete and purge also act on its
 * managed key and secret, which a gate without `collection` holds too.
 */

export const GATED_OPERATIONS = ['delete', 'purge', 'certificate-issue'] as const;
export type GatedOperation = (typeof GATED_OPERATIONS)[number];

export interface GateSpec {
  operation: GatedOperation;
  /** Vault name; any vault when left out. */
  vault?: string;
  /** `secrets`, `keys` or `certificates`; any when left out. */
  collection?: string;
  /** Object name; any when left out. */
  name?: string;
}

/** What `GET /_emulator/gates` shows of a gate. */
export interface GateState extends GateSpec {
  id: number;
  /** How many operations this gate has caught (held) so far. */
  caught: number;
  released: boolean;
}

export interface Gate {
  readonly id: number;
  readonly spec: Readonly<GateSpec>;
  state(): GateState;
  /** Lets every operation it holds go on; idempotent. */
  release(): void;
  /** Resolves once the gate has caught `count` operations; fails after `timeoutMs`. */
  caught(count?: number, timeoutMs?: number): Promise<void>;
}

/** What a store asks when an operation starts, and later whether it may finish. */
export interface GateCheck {
  /** The ids of the closed gates matching this operation, each counting it as caught. */
  catch(operation: GatedOperation, collection: string, name: string): number[];
  /** True once every gate in `ids` is released (no ids: nothing holds it). */
  passed(ids: readonly number[] | undefined): boolean;
}

// Ids unique in the process, so a held operation restored from a backup into another
// emulator never matches that emulator's gates.
let nextId = 1;

interface GateRecord {
  spec: GateSpec;
  caught: number;
  released: boolean;
  waiters: (() => void)[];
}

export class OperationGates {
  private readonly gates = new Map<number, GateRecord>();

  hold(spec: GateSpec): Gate {
    const checked = checkGateSpec(spec);
    const id = nextId++;
    const record: GateRecord = { spec: checked, caught: 0, released: false, waiters: [] };
    this.gates.set(id, record);
    return this.handle(id, record);
  }

  /** The gate with this id, released or not; undefined when unknown. */
  get(id: number): Gate | undefined {
    const record = this.gates.get(id);
    return record ? this.handle(id, record) : undefined;
  }

  /** Gates that are still closed, for one vault (gates for any vault included) or all. */
  list(vault?: string): Gate[] {
    return [...this.gates.entries()]
      .filter(([, r]) => !r.released && (vault === undefined || r.spec.vault === undefined || same(r.spec.vault, vault)))
      .map(([id, r]) => this.handle(id, r));
  }

  release(id: number): Gate | undefined {
    const gate = this.get(id);
    gate?.release();
    return gate;
  }

  /** Releases every closed gate (of one vault, when given); returns them. */
  releaseAll(vault?: string): Gate[] {
    const open = this.list(vault).filter((g) => vault === undefined || g.spec.vault !== undefined);
    for (const gate of open) gate.release();
    return open;
  }

  /** The check one vault's stores use. */
  forVault(vault: () => string): GateCheck {
    return {
      catch: (operation, collection, name) => {
        const ids: number[] = [];
        for (const [id, r] of this.gates) {
          if (r.released || r.spec.operation !== operation) continue;
          if (r.spec.vault !== undefined && !same(r.spec.vault, vault())) continue;
          if (r.spec.collection !== undefined && r.spec.collection !== collection) continue;
          if (r.spec.name !== undefined && !same(r.spec.name, name)) continue;
          r.caught++;
          ids.push(id);
          for (const wake of r.waiters.splice(0)) wake();
        }
        return ids;
      },
      passed: (ids) => (ids ?? []).every((id) => this.gates.get(id)?.released ?? true),
    };
  }

  private handle(id: number, record: GateRecord): Gate {
    return {
      id,
      spec: record.spec,
      state: () => ({ id, ...record.spec, caught: record.caught, released: record.released }),
      release: () => {
        record.released = true;
        for (const wake of record.waiters.splice(0)) wake();
      },
      caught: async (count = 1, timeoutMs = 30_000) => {
        const deadline = Date.now() + timeoutMs;
        while (record.caught < count) {
          const left = deadline - Date.now();
          if (left <= 0 || record.released) {
            throw new Error(`gate ${id} (${describe(record.spec)}) caught ${record.caught} of ${count} operations${record.released ? ' before it was released' : ` within ${timeoutMs} ms`}`);
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left);
            record.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
      },
    };
  }
}

const COLLECTIONS = ['secrets', 'keys', 'certificates'];

/** Checks a gate's spec (from a test or the admin API); the message says what is allowed. */
export function checkGateSpec(input: unknown): GateSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('A gate is a JSON object like {"operation": "delete", "collection": "secrets", "name": "db-password"}.');
  }
  const spec: GateSpec = { operation: 'delete' };
  let operation: unknown;
  for (const [field, value] of Object.entries(input)) {
    switch (field) {
      case 'operation':
        operation = value;
        break;
      case 'vault':
      case 'collection':
      case 'name':
        if (value === undefined) break;
        if (typeof value !== 'string' || value === '' || value.length > 127) throw new Error(`'${field}' must be a non-empty string of at most 127 characters.`);
        if (field === 'collection' && !COLLECTIONS.includes(value)) throw new Error(`Unknown collection '${value.slice(0, 40)}'; allowed: ${COLLECTIONS.join(', ')}.`);
        spec[field] = value;
        break;
      default:
        throw new Error(`Unknown gate field '${field.slice(0, 40)}'; allowed: operation, vault, collection, name.`);
    }
  }
  if (typeof operation !== 'string' || !(GATED_OPERATIONS as readonly string[]).includes(operation)) {
    throw new Error(`A gate needs an 'operation'; allowed: ${GATED_OPERATIONS.join(', ')}.`);
  }
  spec.operation = operation as GatedOperation;
  return spec;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function describe(spec: GateSpec): string {
  return [spec.operation, spec.vault, spec.collection, spec.name].filter((p) => p !== undefined).join(' ');
}
