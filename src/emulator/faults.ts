// Fault injection for reliability tests: latency (fixed plus jitter), 429 with Retry-After,
// 500/503, connection resets, and 403 for chosen permissions. Set at start (options or
// flags) and changed at run time through `FaultController` or the admin API
// (`/_emulator/faults`, see admin-routes.ts). Random choices come from a seeded PRNG so a
// test run is repeatable.
import { Prng } from './prng.js';

export interface FaultSettings {
  /** Added to every vault request before it is answered. */
  latencyMs?: number;
  /** Plus a uniform random 0..jitterMs. */
  jitterMs?: number;
  /** Fraction (0..1) of requests answered 429. */
  throttleRate?: number;
  /** Retry-After sent with a 429 (default 1000 ms). Sent in seconds, and as `retry-after-ms` when not whole seconds. */
  retryAfterMs?: number;
  /** Fraction (0..1) of requests answered with `errorStatus`. */
  errorRate?: number;
  errorStatus?: 500 | 503;
  /** Fraction (0..1) of requests whose connection is reset without an answer. */
  resetRate?: number;
  /** Permissions answered 403: a collection (`secrets`) or one operation (`secrets/list`, `keys/sign`). */
  forbidden?: string[];
  /** After this many injected 429/5xx/resets, those stop (e.g. 2 = only the next two requests fail). */
  maxFaults?: number;
  /**
   * Injects 429/5xx/resets only into requests that match: a method and/or a path pattern where
   * `*` stands for any characters within one path segment (`{"method": "GET", "path": "/deletedsecrets/*"}`).
   */
  only?: FaultTarget;
}

export interface FaultTarget {
  method?: string;
  path?: string;
}

export interface FaultStats {
  throttled: number;
  errors: number;
  resets: number;
  forbidden: number;
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'throttle'; delayMs: number; retryAfterMs: number }
  | { kind: 'error'; delayMs: number; status: 500 | 503 }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'forbidden'; delayMs: number; permission: string };

const COLLECTIONS = ['secrets', 'keys', 'certificates', 'storage'];
const RATE_FIELDS = ['throttleRate', 'errorRate', 'resetRate'] as const;
const MS_FIELDS = ['latencyMs', 'jitterMs', 'retryAfterMs'] as const;
const KNOWN_FIELDS = new Set<string>([...RATE_FIELDS, ...MS_FIELDS, 'errorStatus', 'forbidden', 'maxFaults', 'only']);

function parseTarget(input: unknown): FaultTarget {
  const example = `like {"method": "GET", "path": "/deletedsecrets/*"}`;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error(`'only' must be an object ${example}.`);
  const obj = input as Record<string, unknown>;
  const out: FaultTarget = {};
  for (const field of Object.keys(obj)) {
    if (field !== 'method' && field !== 'path') throw new Error(`Unknown field '${field.slice(0, 40)}' in 'only'; allowed: method, path.`);
  }
  if (obj.method !== undefined) {
    if (typeof obj.method !== 'string' || !/^[A-Za-z]{1,10}$/.test(obj.method)) throw new Error(`'only.method' must be an HTTP method ${example}.`);
    out.method = obj.method.toUpperCase();
  }
  if (obj.path !== undefined) {
    if (typeof obj.path !== 'string' || !/^\/[A-Za-z0-9*/_.-]{0,200}$/.test(obj.path)) throw new Error(`'only.path' must be a path starting with / ${example}.`);
    out.path = obj.path;
  }
  return out;
}

/** Whether a request matches a target; `*` in the path matches within one segment. */
function matchesTarget(target: FaultTarget, request: { method: string; path: string }): boolean {
  if (target.method && target.method !== request.method.toUpperCase()) return false;
  if (target.path === undefined) return true;
  const pattern = new RegExp(`^${target.path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}/?$`, 'i');
  return pattern.test(request.path);
}

/** Validates fault settings from JSON (admin API, flags); throws an Error whose message says what is allowed. */
export function parseFaultSettings(input: unknown): FaultSettings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('Fault settings must be a JSON object.');
  }
  const obj = input as Record<string, unknown>;
  const out: FaultSettings = {};
  for (const field of Object.keys(obj)) {
    if (!KNOWN_FIELDS.has(field)) {
      throw new Error(`Unknown fault setting '${field.slice(0, 40)}'; allowed: ${[...KNOWN_FIELDS].join(', ')}.`);
    }
  }
  for (const field of RATE_FIELDS) {
    const v = obj[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`'${field}' must be a number from 0 to 1.`);
    out[field] = v;
  }
  for (const field of MS_FIELDS) {
    const v = obj[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 600_000) {
      throw new Error(`'${field}' must be a number of milliseconds from 0 to 600000.`);
    }
    out[field] = v;
  }
  if (obj.errorStatus !== undefined && obj.errorStatus !== null) {
    if (obj.errorStatus !== 500 && obj.errorStatus !== 503) throw new Error(`'errorStatus' must be 500 or 503.`);
    out.errorStatus = obj.errorStatus;
  }
  if (obj.maxFaults !== undefined && obj.maxFaults !== null) {
    const v = obj.maxFaults;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`'maxFaults' must be a non-negative integer.`);
    out.maxFaults = v;
  }
  if (obj.only !== undefined && obj.only !== null) out.only = parseTarget(obj.only);
  if (obj.forbidden !== undefined && obj.forbidden !== null) {
    if (!Array.isArray(obj.forbidden)) throw new Error(`'forbidden' must be a list like ["secrets", "keys/sign"].`);
    out.forbidden = obj.forbidden.map((p) => parsePermission(p));
  }
  return out;
}

export function parsePermission(p: unknown): string {
  if (typeof p !== 'string' || !/^[a-z]+(\/[a-z]+)?$/.test(p) || !COLLECTIONS.includes(p.split('/')[0])) {
    throw new Error(
      `Invalid permission '${String(p).slice(0, 40)}': use a collection (${COLLECTIONS.join(', ')}) or collection/operation like 'secrets/list'.`,
    );
  }
  return p;
}

export class FaultController {
  private settings: FaultSettings;
  private injected = 0;
  private readonly rng: Prng;
  readonly stats: FaultStats = { throttled: 0, errors: 0, resets: 0, forbidden: 0 };

  constructor(initial: FaultSettings = {}, seed = 'kvx-faults') {
    this.settings = parseFaultSettings(initial);
    this.rng = new Prng(seed);
  }

  get(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Replaces every setting; also restarts the `maxFaults` count. */
  set(settings: FaultSettings): FaultSettings {
    this.settings = parseFaultSettings(settings);
    this.injected = 0;
    return this.get();
  }

  /** Changes only the given settings; also restarts the `maxFaults` count. */
  update(partial: FaultSettings): FaultSettings {
    return this.set({ ...this.settings, ...parseFaultSettings(partial) });
  }

  clear(): void {
    this.set({});
  }

  /** What to do with one vault request needing `permission` (e.g. `secrets/get`). */
  decide(permission: string, request?: { method: string; path: string }): FaultDecision {
    const s = this.settings;
    const delayMs = (s.latencyMs ?? 0) + (s.jitterMs ? this.rng.next() * s.jitterMs : 0);
    const collection = permission.split('/')[0];
    if (s.forbidden?.some((f) => f === permission || f === collection)) {
      this.stats.forbidden++;
      return { kind: 'forbidden', delayMs, permission };
    }
    if (s.maxFaults !== undefined && this.injected >= s.maxFaults) return { kind: 'none', delayMs };
    if (s.only && (!request || !matchesTarget(s.only, request))) return { kind: 'none', delayMs };
    if (s.resetRate && this.rng.next() < s.resetRate) {
      this.injected++;
      this.stats.resets++;
      return { kind: 'reset', delayMs };
    }
    if (s.throttleRate && this.rng.next() < s.throttleRate) {
      this.injected++;
      this.stats.throttled++;
      return { kind: 'throttle', delayMs, retryAfterMs: s.retryAfterMs ?? 1000 };
    }
    if (s.errorRate && this.rng.next() < s.errorRate) {
      this.injected++;
      this.stats.errors++;
      return { kind: 'error', delayMs, status: s.errorStatus ?? 503 };
    }
    return { kind: 'none', delayMs };
  }
}
