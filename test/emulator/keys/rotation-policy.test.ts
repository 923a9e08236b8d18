import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceError } from '../../../src/emulator/errors.js';
import {
  durationSeconds,
  parseRotationPolicy,
  policyExpiry,
  rotationPolicyJson,
} from '../../../src/emulator/keys/rotation-policy.js';

const DAY = 86400;

function assertBadParameter(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ServiceError);
    assert.equal(err.status, 400);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('rotation policy', () => {
  it('reads ISO 8601 durations, counting years as 365 days and months as 30', () => {
    assert.equal(durationSeconds('P90D', 'x'), 90 * DAY);
    assert.equal(durationSeconds('P1Y10D', 'x'), 375 * DAY);
    assert.equal(durationSeconds('P3M', 'x'), 90 * DAY);
    assert.equal(durationSeconds('PT48H', 'x'), 2 * DAY);
    assert.equal(durationSeconds('P2W', 'x'), 14 * DAY);
    for (const bad of ['P', 'PT', '90D', 'P1.5D', 'P1DT', 'p90d']) {
      assertBadParameter(() => durationSeconds(bad, 'attributes.expiryTime'), /ISO 8601 duration/);
    }
  });

  it('accepts the documented example and normalises the action type case', () => {
    const policy = parseRotationPolicy(
      {
        lifetimeActions: [
          { trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } },
          { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'NOTIFY' } },
        ],
        attributes: { expiryTime: 'P2Y' },
      },
      undefined,
      1000,
    );
    assert.deepEqual(policy.lifetimeActions.map((a) => a.action.type), ['Rotate', 'Notify']);
    assert.equal(policy.expiryTime, 'P2Y');
    assert.equal(policy.created, 1000);
    assert.equal(policyExpiry(policy, 5000), 5000 + 730 * DAY);
  });

  it('keeps members a later PUT leaves out, and its creation time', () => {
    const first = parseRotationPolicy({ attributes: { expiryTime: 'P1Y' } }, undefined, 1000);
    const second = parseRotationPolicy({ lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Rotate' } }] }, first, 2000);
    assert.equal(second.expiryTime, 'P1Y');
    assert.equal(second.created, 1000);
    assert.equal(second.updated, 2000);
  });

  it('refuses policies the service refuses, saying why', () => {
    const rotate = (trigger: object) => ({ lifetimeActions: [{ trigger, action: { type: 'Rotate' } }] });
    assertBadParameter(() => parseRotationPolicy({ attributes: { expiryTime: 'P27D' } }, undefined, 0), /at least 28 days/);
    assertBadParameter(() => parseRotationPolicy(rotate({ timeAfterCreate: 'P6D' }), undefined, 0), /at least 7 days/);
    assertBadParameter(() => parseRotationPolicy(rotate({}), undefined, 0), /exactly one of timeAfterCreate or timeBeforeExpiry/);
    assertBadParameter(() => parseRotationPolicy(rotate({ timeBeforeExpiry: 'P30D' }), undefined, 0), /needs 'attributes.expiryTime'/);
    assertBadParameter(
      () => parseRotationPolicy({ ...rotate({ timeAfterCreate: 'P2Y' }), attributes: { expiryTime: 'P1Y' } }, undefined, 0),
      /would expire before it rotates/,
    );
    assertBadParameter(
      () => parseRotationPolicy({ lifetimeActions: [{ trigger: { timeAfterCreate: 'P30D' }, action: { type: 'Notify' } }] }, undefined, 0),
      /Notify action can only be triggered by timeBeforeExpiry/,
    );
    assertBadParameter(
      () => parseRotationPolicy({ lifetimeActions: [{ trigger: { timeAfterCreate: 'P30D' }, action: { type: 'Delete' } }] }, undefined, 0),
      /"Rotate" or "Notify"/,
    );
    assertBadParameter(
      () =>
        parseRotationPolicy(
          { lifetimeActions: [{ trigger: { timeAfterCreate: 'P30D' }, action: { type: 'Rotate' } }, { trigger: { timeAfterCreate: 'P60D' }, action: { type: 'Rotate' } }] },
          undefined,
          0,
        ),
      /at most one Rotate action/,
    );
  });

  it('answers the service default for a key without a policy', () => {
    assert.deepEqual(rotationPolicyJson('https://v/keys/k', undefined), {
      id: 'https://v/keys/k/rotationpolicy',
      lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }],
      attributes: {},
    });
  });
});
