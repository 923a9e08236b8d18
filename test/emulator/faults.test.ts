// Fault injection seen through the real SecretClient: 429 with Retry-After, 500/503, resets,
// 403 per permission, latency; changed at run time through the library handle and the admin API.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { RestError } from '@azure/core-rest-pipeline';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { FaultController, parseFaultSettings } from '../../src/emulator/faults.js';
import type { Harness } from './support/emulator-harness.js';
import { collect, startHarness, waitFor } from './support/emulator-harness.js';
import { rawRequest } from './support/raw-request.js';
import { checkConformanceAfterAll } from './support/conformance-after-all.js';

let h: Harness;
const log: RequestLogEntry[] = [];

before(async () => {
  h = await startHarness({ vaults: ['faulty-vault'], onRequest: (e) => log.push(e) });
  await h.secrets.setSecret('target', 'value');
});

afterEach(() => {
  h.emulator.faults.clear();
});

after(async () => {
  await h?.stop();
});

/** A client that retries quickly, as an app with default retry options would (only faster). */
function retryingClient() {
  return h.secretClient(undefined, { retryOptions: { maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 } });
}

function statusesFor(path: string, method = 'GET'): number[] {
  return log.filter((e) => e.path === path && e.method === method && e.status !== 401).map((e) => e.status);
}

describe('throttling', () => {
  test('429 carries Retry-After and the client retries after it, then succeeds', async () => {
    h.emulator.faults.set({ throttleRate: 1, retryAfterMs: 5, maxFaults: 2 });
    // Stats count for the emulator's life: compare with what other tests left.
    const throttledBefore = h.emulator.faults.stats.throttled;
    const c = retryingClient();
    log.length = 0;
    assert.equal((await c.getSecret('target')).value, 'value');
    await waitFor(() => statusesFor('/secrets/target/').length === 3, 'three logged requests');
    assert.deepEqual(statusesFor('/secrets/target/'), [429, 429, 200]);
    const throttled = h.recorder.records.filter((r) => r.status === 429);
    assert.ok(throttled.length >= 2);
    assert.equal(JSON.parse(throttled[0].body).error.code, 'Throttled');
    assert.equal(h.emulator.faults.stats.throttled - throttledBefore, 2);
  });

  test('Retry-After is in whole seconds, plus retry-after-ms when not whole', async () => {
    h.emulator.faults.set({ throttleRate: 1, retryAfterMs: 1500 });
    const res = await rawRequest(`${h.url}/secrets?api-version=7.6`, { ca: h.emulator.caPem });
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '2');
    assert.equal(res.headers['retry-after-ms'], '1500');
    h.emulator.faults.set({ throttleRate: 1, retryAfterMs: 3000 });
    const whole = await rawRequest(`${h.url}/secrets?api-version=7.6`, { ca: h.emulator.caPem });
    assert.equal(whole.headers['retry-after'], '3');
    assert.equal(whole.headers['retry-after-ms'], undefined);
  });
});

describe('server errors and resets', () => {
  test('503 by default and 500 when asked; the client retries them', async () => {
    for (const status of [503, 500] as const) {
      h.emulator.faults.set({ errorRate: 1, errorStatus: status, maxFaults: 1 });
      log.length = 0;
      assert.equal((await retryingClient().getSecret('target')).value, 'value');
      await waitFor(() => statusesFor('/secrets/target/').length === 2, 'two logged requests');
      assert.deepEqual(statusesFor('/secrets/target/'), [status, 200]);
    }
    h.emulator.faults.set({ errorRate: 1 });
    await assert.rejects(h.secrets.getSecret('target'), (err: RestError) => {
      assert.equal(err.statusCode, 503);
      assert.equal(err.code, 'ServiceUnavailable');
      return true;
    });
  });

  test('a reset closes the connection without an answer; a retrying client recovers', async () => {
    h.emulator.faults.set({ resetRate: 1 });
    const resetsBefore = h.emulator.faults.stats.resets;
    await assert.rejects(h.secrets.getSecret('target'), (err: RestError) => {
      assert.equal(err.statusCode, undefined);
      assert.match(String(err.code), /ECONNRESET|REQUEST_SEND_ERROR/);
      return true;
    });
    h.emulator.faults.set({ resetRate: 1, maxFaults: 1 });
    assert.equal((await retryingClient().getSecret('target')).value, 'value');
    assert.ok(h.emulator.faults.stats.resets - resetsBefore >= 2);
  });

  test('rates between 0 and 1 fail some requests and not others', async () => {
    h.emulator.faults.set({ errorRate: 0.5 });
    const results = [];
    for (let i = 0; i < 40; i++) {
      const res = await rawRequest(`${h.url}/secrets?api-version=7.6`, { ca: h.emulator.caPem });
      results.push(res.status);
    }
    assert.ok(results.includes(503) && results.includes(200), results.join(','));
  });
});

describe('faults aimed at some requests', () => {
  test('"only" limits 5xx to one method and path pattern (GET /deletedsecrets/*), others are answered', async () => {
    h.emulator.faults.set({ errorRate: 1, only: { method: 'GET', path: '/deletedsecrets/*' } });
    assert.equal((await h.secrets.getSecret('target')).value, 'value');
    const res = await rawRequest(`${h.url}/deletedsecrets/target?api-version=7.6`, { ca: h.emulator.caPem });
    assert.equal(res.status, 503);
    const other = await rawRequest(`${h.url}/deletedkeys/target?api-version=7.6`, { ca: h.emulator.caPem });
    assert.notEqual(other.status, 503);
  });

  test('a bad "only" is refused saying what is allowed', () => {
    assert.throws(() => parseFaultSettings({ only: { verb: 'GET' } }), /Unknown field 'verb' in 'only'; allowed: method, path/);
    assert.throws(() => parseFaultSettings({ only: { path: 'deletedsecrets' } }), /'only.path' must be a path starting with \//);
    assert.throws(() => parseFaultSettings({ only: { method: 'GET /' } }), /'only.method' must be an HTTP method/);
    const fc = new FaultController({ errorRate: 1, only: { path: '/deletedsecrets/*' } });
    assert.equal(fc.decide('secrets/get', { method: 'GET', path: '/deletedsecrets/a.b/' }).kind, 'error');
    assert.equal(fc.decide('secrets/get', { method: 'GET', path: '/deletedsecrets/a/recover' }).kind, 'none');
    assert.equal(fc.decide('secrets/get', { method: 'GET', path: '/secrets/a' }).kind, 'none');
  });
});

describe('forbidden permissions', () => {
  test('one operation answers 403 naming the permission; others still work', async () => {
    h.emulator.faults.set({ forbidden: ['secrets/list'] });
    await assert.rejects(collect(h.secrets.listPropertiesOfSecrets()), (err: RestError) => err.statusCode === 403);
    const denied = h.recorder.records.filter((r) => r.status === 403).at(-1);
    const error = JSON.parse(denied?.body ?? '{}').error;
    assert.equal(error.code, 'Forbidden');
    assert.equal(error.innererror.code, 'ForbiddenByPolicy');
    assert.match(error.message, /does not have secrets list permission on key vault 'faulty-vault/);
    assert.equal((await h.secrets.getSecret('target')).value, 'value');
  });

  test('a whole collection answers 403', async () => {
    h.emulator.faults.set({ forbidden: ['secrets'] });
    await assert.rejects(h.secrets.getSecret('target'), (err: RestError) => err.statusCode === 403 && /secrets get permission/.test(err.message));
    await assert.rejects(h.secrets.setSecret('other', 'v'), (err: RestError) => /secrets set permission/.test(err.message));
  });
});

describe('latency', () => {
  test('every request takes at least the configured latency', async () => {
    h.emulator.faults.set({ latencyMs: 40, jitterMs: 10 });
    log.length = 0;
    await h.secrets.getSecret('target');
    // The log entry is written when the server side of the response closes.
    await waitFor(() => log.some((e) => e.status === 200), 'the request to be logged');
    const answered = log.filter((e) => e.status === 200);
    assert.ok(answered[0].ms >= 39, `took ${answered[0].ms} ms`);
  });
});

describe('admin API', () => {
  test('GET, PUT, PATCH and DELETE /_emulator/faults change faults at run time with the run\'s admin token', async () => {
    const base = `${h.url}/_emulator/faults`;
    const put = await rawRequest(base, { ca: h.emulator.caPem, token: h.emulator.adminToken, method: 'PUT', body: JSON.stringify({ forbidden: ['secrets/get'] }) });
    assert.equal(put.status, 200);
    assert.deepEqual((put.json as { settings: unknown }).settings, { forbidden: ['secrets/get'] });
    await assert.rejects(h.secrets.getSecret('target'), (err: RestError) => err.statusCode === 403);

    const patch = await rawRequest(base, { ca: h.emulator.caPem, token: h.emulator.adminToken, method: 'PATCH', body: JSON.stringify({ latencyMs: 1 }) });
    assert.deepEqual((patch.json as { settings: unknown }).settings, { forbidden: ['secrets/get'], latencyMs: 1 });

    const got = await rawRequest(base, { ca: h.emulator.caPem, token: h.emulator.adminToken });
    const state = got.json as { settings: unknown; stats: { forbidden: number } };
    assert.ok(state.stats.forbidden >= 1);

    const cleared = await rawRequest(base, { ca: h.emulator.caPem, token: h.emulator.adminToken, method: 'DELETE' });
    assert.deepEqual((cleared.json as { settings: unknown }).settings, {});
    assert.equal((await h.secrets.getSecret('target')).value, 'value');
  });

  test('bad settings are 400 in the service error shape, saying what is allowed', async () => {
    const base = `${h.url}/_emulator/faults`;
    const cases: [unknown, RegExp][] = [
      [{ throttleRate: 2 }, /'throttleRate' must be a number from 0 to 1/],
      [{ errorStatus: 502 }, /'errorStatus' must be 500 or 503/],
      [{ forbidden: ['vaults'] }, /Invalid permission 'vaults'/],
      [{ slowness: 1 }, /Unknown fault setting 'slowness'; allowed:/],
      [[1], /must be a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await rawRequest(base, { ca: h.emulator.caPem, token: h.emulator.adminToken, method: 'PUT', body: JSON.stringify(body) });
      assert.equal(res.status, 400);
      const error = (res.json as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'BadParameter');
      assert.match(error.message, message);
    }
  });

  test('without the run\'s admin token the admin API answers 401 and changes nothing', async () => {
    const base = `${h.url}/_emulator/faults`;
    const body = JSON.stringify({ forbidden: ['secrets/get'] });
    const attempts = [
      { token: null },
      { token: 'kvx-test-token' },
      { token: `${h.emulator.adminToken}x` },
      { token: null, headers: { 'x-kvx-admin-token': h.emulator.adminToken.slice(1) } },
    ];
    for (const attempt of attempts) {
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        const res = await rawRequest(base, { ca: h.emulator.caPem, method, ...attempt, ...(method === 'GET' ? {} : { body }) });
        assert.equal(res.status, 401, `${method} with ${JSON.stringify(attempt)}`);
        const error = (res.json as { error: { code: string; message: string } }).error;
        assert.equal(error.code, 'Unauthorized');
        assert.match(error.message, /admin token.*x-kvx-admin-token/);
      }
    }
    for (const path of ['/_emulator/vault', '/_emulator/access-policies']) {
      assert.equal((await rawRequest(`${h.url}${path}`, { ca: h.emulator.caPem, token: null })).status, 401, path);
    }
    assert.deepEqual(h.emulator.faults.get(), {});
    const viaHeader = await rawRequest(base, { ca: h.emulator.caPem, token: null, headers: h.emulator.adminHeaders() });
    assert.equal(viaHeader.status, 200);
  });

  test('faults never touch the admin API itself', async () => {
    h.emulator.faults.set({ resetRate: 1 });
    const res = await rawRequest(`${h.url}/_emulator/faults`, { ca: h.emulator.caPem, token: h.emulator.adminToken });
    assert.equal(res.status, 200);
  });
});

describe('settings', () => {
  test('FaultController validates like the admin API and starts from the given settings', () => {
    assert.throws(() => new FaultController({ jitterMs: -1 }), /'jitterMs' must be a number of milliseconds/);
    assert.deepEqual(parseFaultSettings({ maxFaults: 2, resetRate: 0 }), { maxFaults: 2, resetRate: 0 });
    const fc = new FaultController({ forbidden: ['keys/sign'] });
    assert.equal(fc.decide('keys/sign').kind, 'forbidden');
    assert.equal(fc.decide('keys/get').kind, 'none');
  });
});

checkConformanceAfterAll(() => h.recorder.validate());
