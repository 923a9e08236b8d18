// A key's rotation policy (KeyRotationPolicy in keys.json): parsing and checking what
// PUT /keys/{name}/rotationpolicy sends, the JSON GET answers, and the expiry it gives
// new versions made by rotate.
import { badParameter } from '../errors.js';
import { printable } from '../request-validation.js';

export type RotationActionType = 'Rotate' | 'Notify';

export interface LifetimeAction {
  trigger: { timeAfterCreate?: string; timeBeforeExpiry?: string };
  action: { type: RotationActionType };
}

export interface RotationPolicy {
  lifetimeActions: LifetimeAction[];
  /** ISO 8601 duration given to new versions as exp = created + expiryTime. */
  expiryTime?: string;
  /** Epoch seconds. */
  created: number;
  updated: number;
}

const DAY = 86400;
const MIN_EXPIRY_DAYS = 28;
const MIN_TRIGGER_DAYS = 7;
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Seconds in an ISO 8601 duration such as P90D, P2Y, PT48H. Years count 365 days and months
 * 30, which is how the service compares durations against its minimums.
 */
export function durationSeconds(text: string, field: string): number {
  const m = DURATION.exec(text);
  if (!m) {
    throw badParameter(`'${field}' must be an ISO 8601 duration such as P90D, P3M, PT48H or P1Y10D; got '${printable(text, 40)}'.`);
  }
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
  return (((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s;
}

function optionalDuration(obj: Record<string, unknown>, field: string, path: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badParameter(`'${path}' must be an ISO 8601 duration string.`);
  durationSeconds(value, path);
  return value;
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badParameter(`'${path}' must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function parseAction(value: unknown, index: number): LifetimeAction {
  const path = `lifetimeActions[${index}]`;
  const obj = asObject(value, path);
  const action = asObject(obj.action, `${path}.action`);
  const rawType = action.type;
  const type =
    typeof rawType === 'string' ? (['Rotate', 'Notify'] as const).find((t) => t.toLowerCase() === rawType.toLowerCase()) : undefined;
  if (!type) throw badParameter(`'${path}.action.type' must be "Rotate" or "Notify".`);
  const trigger = asObject(obj.trigger, `${path}.trigger`);
  const timeAfterCreate = optionalDuration(trigger, 'timeAfterCreate', `${path}.trigger.timeAfterCreate`);
  const timeBeforeExpiry = optionalDuration(trigger, 'timeBeforeExpiry', `${path}.trigger.timeBeforeExpiry`);
  if ((timeAfterCreate === undefined) === (timeBeforeExpiry === undefined)) {
    throw badParameter(`'${path}.trigger' must have exactly one of timeAfterCreate or timeBeforeExpiry.`);
  }
  if (type === 'Notify' && timeAfterCreate !== undefined) {
    throw badParameter(`'${path}': a Notify action can only be triggered by timeBeforeExpiry.`);
  }
  const time = (timeAfterCreate ?? timeBeforeExpiry) as string;
  if (durationSeconds(time, path) < MIN_TRIGGER_DAYS * DAY) {
    throw badParameter(`'${path}.trigger' must be at least ${MIN_TRIGGER_DAYS} days (P${MIN_TRIGGER_DAYS}D); got ${printable(time, 40)}.`);
  }
  return {
    trigger: timeAfterCreate !== undefined ? { timeAfterCreate } : { timeBeforeExpiry },
    action: { type },
  };
}

/**
 * The policy after a PUT: members the body leaves out keep their previous value (the
 * service documents PUT as "set specified members"). `now` in epoch seconds.
 */
export function parseRotationPolicy(body: unknown, previous: RotationPolicy | undefined, now: number): RotationPolicy {
  const obj = asObject(body ?? {}, 'the rotation policy');
  let lifetimeActions = previous?.lifetimeActions ?? [];
  if (obj.lifetimeActions !== undefined && obj.lifetimeActions !== null) {
    if (!Array.isArray(obj.lifetimeActions)) throw badParameter(`'lifetimeActions' must be an array.`);
    lifetimeActions = obj.lifetimeActions.map(parseAction);
  }
  let expiryTime = previous?.expiryTime;
  if (obj.attributes !== undefined && obj.attributes !== null) {
    const attributes = asObject(obj.attributes, 'attributes');
    if ('expiryTime' in attributes) expiryTime = optionalDuration(attributes, 'expiryTime', 'attributes.expiryTime');
  }
  for (const type of ['Rotate', 'Notify'] as const) {
    if (lifetimeActions.filter((a) => a.action.type === type).length > 1) {
      throw badParameter(`'lifetimeActions' may hold at most one ${type} action.`);
    }
  }
  const expirySeconds = expiryTime === undefined ? undefined : durationSeconds(expiryTime, 'attributes.expiryTime');
  if (expirySeconds !== undefined && expirySeconds < MIN_EXPIRY_DAYS * DAY) {
    throw badParameter(`'attributes.expiryTime' must be at least ${MIN_EXPIRY_DAYS} days (P${MIN_EXPIRY_DAYS}D); got ${expiryTime}.`);
  }
  for (const action of lifetimeActions) {
    const { timeAfterCreate, timeBeforeExpiry } = action.trigger;
    if (timeBeforeExpiry !== undefined) {
      if (expirySeconds === undefined) {
        throw badParameter(`A timeBeforeExpiry trigger needs 'attributes.expiryTime' so that new versions have an expiry.`);
      }
      if (durationSeconds(timeBeforeExpiry, 'timeBeforeExpiry') >= expirySeconds) {
        throw badParameter(`timeBeforeExpiry (${timeBeforeExpiry}) must be shorter than expiryTime (${expiryTime}).`);
      }
    }
    if (timeAfterCreate !== undefined && expirySeconds !== undefined && durationSeconds(timeAfterCreate, 'timeAfterCreate') >= expirySeconds) {
      throw badParameter(`timeAfterCreate (${timeAfterCreate}) must be shorter than expiryTime (${expiryTime}): the key would expire before it rotates.`);
    }
  }
  const policy: RotationPolicy = { lifetimeActions, created: previous?.created ?? now, updated: now };
  if (expiryTime !== undefined) policy.expiryTime = expiryTime;
  return policy;
}

/**
 * KeyRotationPolicy as GET and PUT answer it. A key without a policy answers the service's
 * default: notify 30 days before expiry, and no created/updated.
 */
export function rotationPolicyJson(keyUrl: string, policy: RotationPolicy | undefined): Record<string, unknown> {
  const id = `${keyUrl}/rotationpolicy`;
  if (!policy) {
    return { id, lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }], attributes: {} };
  }
  const attributes: Record<string, unknown> = {};
  if (policy.expiryTime !== undefined) attributes.expiryTime = policy.expiryTime;
  attributes.created = policy.created;
  attributes.updated = policy.updated;
  return {
    id,
    lifetimeActions: policy.lifetimeActions.map((a) => ({ trigger: { ...a.trigger }, action: { ...a.action } })),
    attributes,
  };
}

/** The exp a version created at `createdSeconds` gets from the policy, if it sets an expiry. */
export function policyExpiry(policy: RotationPolicy | undefined, createdSeconds: number): number | undefined {
  if (policy?.expiryTime === undefined) return undefined;
  return createdSeconds + durationSeconds(policy.expiryTime, 'expiryTime');
}
