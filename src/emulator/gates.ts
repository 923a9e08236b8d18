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
 *  - `request`: a vault request matching `method` and `path` (`*` within one segment, as in
 *    the faults' `only`) is received but not answered until release (a reveal "in flight").
 * A gate matches by vault, collection (`secrets`, `keys`, `certificates`) and object name
 * (case aside); each left out matches any. A certificate's delete and purge also act on its
 * managed key and secret, which a gate without `collection` holds too.
 */

export const GATED_OPERATIONS = ['delete', 'purge', 'certificate-issue', 'request'] as const;
export type GatedOperation = (typeof GATED_OPERATIONS)[number];

export interface GateSpec {
  operation: GatedOperation;
  /** Vault name; any vault when left out. */
  vault?: string;
  /** `secrets`, `keys` or `certificates`; any when left out. */
  collection?: string;
  /** Object name; any when left out. */
  name?: string;
  /** For `request` gates: the HTTP method; any when left out. */
  method?: string;
  /** For `request` gates: the path, `*` matching within one segment; any when left out. */
  path?: string;
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
  /** The ids of the closed `request` gates matching this request, each counting it as caught. */
  catchRequest(method: string, path: string): number[];
  /** Resolves once every gate in `ids` is released. */
  whenPassed(ids: readonly number[]): Promise<void>;
}

// Ids unique in the process, so a held operation restored from a backup into another
// emulator never matches that emulator's gates.
let nextId = 1;

interface GateRecord {
  spec: GateSpec;
  caught: number;
  released: boolean;
  waiters: (() => void)[];
  /** Held requests waiting for the release. */
  held: (() => void)[];
}

export class OperationGates {
  private readonly gates = new Map<number, GateRecord>();

  hold(spec: GateSpec): Gate {
    const checked = checkGateSpec(spec);
    const id = nextId++;
    const record: GateRecord = { spec: checked, caught: 0, released: false, waiters: [], held: [] };
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

  /** The check one vault's stores and server use. */
  forVault(vault: () => string): GateCheck {
    const catchWhere = (operation: GatedOperation, matches: (spec: GateSpec) => boolean): number[] => {
      const ids: number[] = [];
      for (const [id, r] of this.gates) {
        if (r.released || r.spec.operation !== operation) continue;
        if (r.spec.vault !== undefined && !same(r.spec.vault, vault())) continue;
        if (!matches(r.spec)) continue;
        r.caught++;
        ids.push(id);
        for (const wake of r.waiters.splice(0)) wake();
      }
      return ids;
    };
    return {
      catch: (operation, collection, name) =>
        catchWhere(operation, (spec) => (spec.collection === undefined || spec.collection === collection) && (spec.name === undefined || same(spec.name, name))),
      passed: (ids) => (ids ?? []).every((id) => this.gates.get(id)?.released ?? true),
      catchRequest: (method, path) =>
        catchWhere('request', (spec) => (spec.method === undefined || same(spec.method, method)) && (spec.path === undefined || pathPattern(spec.path).test(path))),
      whenPassed: async (ids) => {
        for (const id of ids) {
          const record = this.gates.get(id);
          if (record && !record.released) await new Promise<void>((resolve) => record.held.push(resolve));
        }
      },
    };
  }

  private handle(id: number, record: GateRecord): Gate {
    return {
      id,
      spec: record.spec,
      state: () => ({ id, ...record.spec, caught: record.caught, released: record.released }),
      release: () => {
        record.released = true;
        for (const wake of [...record.waiters.splice(0), ...record.held.splice(0)]) wake();
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

/** `*` matches within one path segment; a trailing slash is allowed; case aside. */
function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}/?$`, 'i');
}

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
      case 'method':
      case 'path':
        if (value === undefined) break;
        if (typeof value !== 'string' || value === '' || value.length > 127) throw new Error(`'${field}' must be a non-empty string of at most 127 characters.`);
        if (field === 'collection' && !COLLECTIONS.includes(value)) throw new Error(`Unknown collection '${value.slice(0, 40)}'; allowed: ${COLLECTIONS.join(', ')}.`);
        if (field === 'method' && !/^[A-Za-z]{1,10}$/.test(value)) throw new Error(`'method' must be an HTTP method like "GET".`);
        if (field === 'path' && !/^\/[A-Za-z0-9*/_.-]{0,126}$/.test(value)) throw new Error(`'path' must start with / and hold letters, digits, - _ . / and * only, like "/secrets/*".`);
        spec[field] = value;
        break;
      default:
        throw new Error(`Unknown gate field '${field.slice(0, 40)}'; allowed: operation, vault, collection, name, method, path.`);
    }
  }
  if (typeof operation !== 'string' || !(GATED_OPERATIONS as readonly string[]).includes(operation)) {
    throw new Error(`A gate needs an 'operation'; allowed: ${GATED_OPERATIONS.join(', ')}.`);
  }
  spec.operation = operation as GatedOperation;
  const request = spec.operation === 'request';
  if (request && (spec.collection !== undefined || spec.name !== undefined)) {
    throw new Error(`A 'request' gate matches by 'method' and 'path', not 'collection' or 'name'.`);
  }
  if (!request && (spec.method !== undefined || spec.path !== undefined)) {
    throw new Error(`'method' and 'path' are for 'request' gates; a '${spec.operation}' gate matches by 'collection' and 'name'.`);
  }
  return spec;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function describe(spec: GateSpec): string {
  return [spec.operation, spec.vault, spec.collection, spec.name, spec.method, spec.path].filter((p) => p !== undefined).join(' ');
}
