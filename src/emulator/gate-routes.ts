/**
 * The admin API for gates (gates.ts), on every vault origin beside the other `/_emulator/`
 * routes; each gate made here is for the vault whose origin was asked:
 *
 *   GET    /_emulator/gates        → {"gates": [...]} the closed gates that apply to this vault
 *   POST   /_emulator/gates        body: {"operation", "collection"?, "name"?} → 201 the gate
 *                                   (or {"operation": "request", "method"?, "path"?})
 *   GET    /_emulator/gates/{id}   → the gate: {"id", "operation", "vault", ..., "caught", "released"}
 *   DELETE /_emulator/gates/{id}   → releases it; the gate
 *   DELETE /_emulator/gates        → releases this vault's gates; {"gates": [...]}
 *
 * Bad input → 400 with the service's error shape; an unknown id → 404.
 */
import { badParameter, ServiceError } from './errors.js';
import type { Gate, OperationGates } from './gates.js';
import { checkGateSpec } from './gates.js';
import type { RouteModule, RouteRequest, RouteResponse } from './router.js';

export function createGateRoutes(gates: OperationGates): RouteModule {
  const gateOf = (req: RouteRequest): Gate => {
    const id = /^[1-9][0-9]{0,8}$/.test(req.params.id) ? Number(req.params.id) : NaN;
    const gate = Number.isNaN(id) ? undefined : gates.get(id);
    if (!gate || (gate.spec.vault !== undefined && gate.spec.vault.toLowerCase() !== req.vault.name.toLowerCase())) {
      throw new ServiceError(404, 'GateNotFound', `No gate ${req.params.id.slice(0, 20)} for vault ${req.vault.name}; GET /_emulator/gates lists them.`);
    }
    return gate;
  };
  const list = (items: Gate[]): RouteResponse => ({ status: 200, body: { gates: items.map((g) => g.state()) } });
  return {
    name: 'gates',
    routes: [
      { method: 'GET', pattern: '/_emulator/gates', permission: 'admin', handler: (req) => list(gates.list(req.vault.name)) },
      {
        method: 'POST',
        pattern: '/_emulator/gates',
        permission: 'admin',
        handler: (req) => {
          if (req.body !== null && typeof req.body === 'object' && 'vault' in req.body) {
            throw badParameter(`A gate made on a vault's origin is for that vault; leave out 'vault'.`);
          }
          let spec;
          try {
            spec = checkGateSpec(req.body ?? {});
          } catch (err) {
            throw badParameter((err as Error).message);
          }
          return { status: 201, body: gates.hold({ ...spec, vault: req.vault.name }).state() };
        },
      },
      { method: 'GET', pattern: '/_emulator/gates/{id}', permission: 'admin', handler: (req) => ({ status: 200, body: gateOf(req).state() }) },
      {
        method: 'DELETE',
        pattern: '/_emulator/gates/{id}',
        permission: 'admin',
        handler: (req) => {
          const gate = gateOf(req);
          gate.release();
          return { status: 200, body: gate.state() };
        },
      },
      { method: 'DELETE', pattern: '/_emulator/gates', permission: 'admin', handler: (req) => list(gates.releaseAll(req.vault.name)) },
    ],
  };
}
