/**
 * The emulator's admin API, served on every vault origin under `/_emulator/` without
 * api-version (it is not part of Key Vault), so tests and scripts can change behaviour at
 * run time. Each request carries the run's admin token (`x-kvx-admin-token: T` or
 * `Authorization: Bearer T`; admin-token.ts checks it), else 401:
 *
 *   GET    /_emulator/faults   → {"settings": {...}, "stats": {...}}
 *   PUT    /_emulator/faults   body: FaultSettings (replaces all)    → same shape
 *   PATCH  /_emulator/faults   body: some FaultSettings (merged)     → same shape
 *   DELETE /_emulator/faults   clears every fault                   → same shape
 *   GET    /_emulator/vault    → this vault's name, url and recovery settings
 *   PATCH  /_emulator/vault    body: {"deleteDelayMs"?, "purgeDelayMs"?} → same shape
 *
 * Faults are shared by all vaults of one emulator. Bad input → 400 with the service's error shape.
 */
import { badParameter } from './errors.js';
import type { FaultController } from './faults.js';
import { parseFaultSettings } from './faults.js';
import type { RouteModule, RouteRequest, RouteResponse } from './router.js';
import type { VaultState } from './vault-state.js';

export const ADMIN_PREFIX = '/_emulator/';

export function createAdminRoutes(faults: FaultController): RouteModule {
  const faultState = (): RouteResponse => ({ status: 200, body: { settings: faults.get(), stats: { ...faults.stats } } });
  const parse = (body: unknown) => {
    try {
      return parseFaultSettings(body ?? {});
    } catch (err) {
      throw badParameter((err as Error).message);
    }
  };
  return {
    name: 'admin',
    routes: [
      { method: 'GET', pattern: '/_emulator/faults', permission: 'admin', handler: faultState },
      {
        method: 'PUT',
        pattern: '/_emulator/faults',
        permission: 'admin',
        handler: (req) => {
          faults.set(parse(req.body));
          return faultState();
        },
      },
      {
        method: 'PATCH',
        pattern: '/_emulator/faults',
        permission: 'admin',
        handler: (req) => {
          faults.update(parse(req.body));
          return faultState();
        },
      },
      {
        method: 'DELETE',
        pattern: '/_emulator/faults',
        permission: 'admin',
        handler: () => {
          faults.clear();
          return faultState();
        },
      },
      { method: 'GET', pattern: '/_emulator/vault', permission: 'admin', handler: (req) => vaultInfo(req.vault) },
      { method: 'PATCH', pattern: '/_emulator/vault', permission: 'admin', handler: patchVault },
    ],
  };
}

function vaultInfo(vault: VaultState): RouteResponse {
  const s = vault.settings;
  return {
    status: 200,
    body: {
      name: vault.name,
      url: vault.url,
      recoveryLevel: s.recoveryLevel,
      recoverableDays: s.recoverableDays,
      deleteDelayMs: s.deleteDelayMs,
      purgeDelayMs: s.purgeDelayMs,
    },
  };
}

function patchVault(req: RouteRequest): RouteResponse {
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badParameter('The body must be a JSON object like {"deleteDelayMs": 500}.');
  }
  const changes: { deleteDelayMs?: number; purgeDelayMs?: number } = {};
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'deleteDelayMs' && field !== 'purgeDelayMs') {
      throw badParameter(`Unknown vault setting '${field.slice(0, 40)}'; allowed: deleteDelayMs, purgeDelayMs.`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 3_600_000) {
      throw badParameter(`'${field}' must be a number of milliseconds from 0 to 3600000.`);
    }
    changes[field] = value;
  }
  Object.assign(req.vault.settings, changes);
  return vaultInfo(req.vault);
}
