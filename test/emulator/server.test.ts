// The HTTPS surface every collection shares: loopback-only origins, challenge auth,
// api-versions, unknown routes and methods, error shape, request log.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseKeyVaultSecretIdentifier } from '@azure/keyvault-secrets';
import { ACCEPTED_API_VERSIONS, SUPPORTED_API_VERSIONS, startEmulator } from '../../src/emulator/index.js';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { Harness } from './support/emulator-harness.js';
import { startHarness, TEST_TLS_CACHE, waitFor } from './support/emulator-harness.js';
import { OpenApiValidator } from './support/openapi-validator.js';
import { rawRequest } from './support/raw-request.js';
import { checkConformanceAfterAll } from './support/conformance-after-all.js';

let h: Harness;
const log: RequestLogEntry[] = [];
const validator = new OpenApiValidator();

before(async () => {
  h = await startHarness({ vaults: ['first-vault', 'second-vault'], onRequest: (e) => log.push(e) });
});

after(async () => {
  await h?.stop();
});

function errorBody(json: unknown): { code: string; message: string; innererror?: { code: string } } {
  const error = (json as { error?: { code: string; message: string } }).error;
  assert.ok(error, `expected {"error": ...}, got ${JSON.stringify(json)}`);
  assert.equal(typeof error.code, 'string');
  assert.equal(typeof error.message, 'string');
  return error;
}

function conforms(method: string, url: string, res: { status: number; text: string }): void {
  assert.deepEqual(validator.check({ method, url, status: res.status, body: res.text }).problems, []);
}

describe('origins', () => {
  test('each vault sits at the root of its own loopback origin and holds its own items', async () => {
    const [a, b] = h.emulator.vaults;
    assert.match(a.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(a.url).port, new URL(b.url).port);
    const ca = h.secretClient(a.url);
    const cb = h.secretClient(b.url);
    const s = await ca.setSecret('only-in-a', 'v');
    const parsed = parseKeyVaultSecretIdentifier(s.properties.id ?? '');
    assert.equal(parsed.vaultUrl, a.url);
    assert.equal(parsed.name, 'only-in-a');
    await assert.rejects(cb.getSecret('only-in-a'), { statusCode: 404 });
  });

  test('binding anything but loopback is refused with a message naming what is allowed', async () => {
    await assert.rejects(startEmulator({ host: '0.0.0.0' }), /loopback addresses only \(127\.0\.0\.1, ::1 or localhost\)/);
    await assert.rejects(startEmulator({ host: '192.168.1.10' }), /loopback/);
  });

  test('localhost works with the SDK client, and ::1 with a stock Node client', async () => {
    const local = await startEmulator({ host: 'localhost', vaults: ['local-vault'], tlsCacheDir: TEST_TLS_CACHE });
    try {
      const url = local.vaults[0].url;
      assert.match(url, /^https:\/\/localhost:\d+$/);
      const c = h.secretClient(url, { tlsOptions: { ca: local.caPem } });
      assert.equal((await c.setSecret('x', 'y')).properties.vaultUrl, url);
    } finally {
      await local.stop();
    }
    // The SDK's HTTP client passes "[::1]" to DNS, so it cannot use an IPv6 literal URL;
    // node:https can.
    const v6 = await startEmulator({ host: '::1', vaults: ['v6-vault'], tlsCacheDir: TEST_TLS_CACHE });
    try {
      const url = v6.vaults[0].url;
      assert.match(url, /^https:\/\/\[::1\]:\d+$/);
      const res = await rawRequest(`${url}/secrets?api-version=7.6`, { ca: v6.caPem });
      assert.equal(res.status, 200);
    } finally {
      await v6.stop();
    }
  });

  test('with a port, vaults listen on consecutive ports from it', async () => {
    const listen = (port: number) =>
      new Promise<net.Server>((resolve, reject) => {
        const s = net.createServer().once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve(s));
      });
    const close = (s: net.Server) => new Promise<void>((resolve) => s.close(() => resolve()));
    // Other test files take ephemeral ports concurrently: pick a pair that is free now, and
    // try again with another pair if one is taken between the check and the start.
    for (let attempt = 1; ; attempt++) {
      const first = await listen(0);
      const free = (first.address() as net.AddressInfo).port;
      const second = await listen(free + 1).catch(() => undefined);
      await close(first);
      if (second) await close(second);
      else continue;
      let emu;
      try {
        emu = await startEmulator({ port: free, vaults: ['port-a', 'port-b'], tlsCacheDir: TEST_TLS_CACHE });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
        throw error;
      }
      try {
        assert.deepEqual(
          emu.vaults.map((v) => Number(new URL(v.url).port)),
          [free, free + 1],
        );
      } finally {
        await emu.stop();
      }
      return;
    }
  });

  test('invalid vault names are refused with the naming rules', async () => {
    await assert.rejects(startEmulator({ vaults: ['ab'] }), /3 to 24 letters, digits and '-'/);
    await assert.rejects(startEmulator({ vaults: ['my--vault'] }), /without '--'/);
  });
});

describe('auth', () => {
  test('a request without a bearer token gets 401 with the challenge and a JSON body', async () => {
    const url = `${h.url}/secrets?api-version=7.6`;
    const res = await rawRequest(url, { ca: h.emulator.caPem, token: null });
    assert.equal(res.status, 401);
    assert.match(
      String(res.headers['www-authenticate']),
      /^Bearer authorization="https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}", resource="https:\/\/vault\.azure\.net"$/,
    );
    assert.equal(errorBody(res.json).code, 'Unauthorized');
    conforms('GET', url, res);
  });

  test('the SDK client completes the challenge handshake and then sends its token', async () => {
    const before = h.recorder.records.length;
    await h.secretClient().setSecret('after-challenge', 'v');
    const statuses = h.recorder.records.slice(before).map((r) => r.status);
    assert.deepEqual(statuses, [401, 200]);
  });
});

describe('headers', () => {
  test('every answer carries the service headers and echoes the client request id', async () => {
    for (const [path, token] of [['/secrets?api-version=7.6', undefined], ['/secrets?api-version=7.6', null], ['/secrets?api-version=9.9', undefined]] as const) {
      const res = await rawRequest(`${h.url}${path}`, { ca: h.emulator.caPem, token, headers: { 'x-ms-client-request-id': 'c0ffee00-1111-2222-3333-444455556666' } });
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.headers.pragma, 'no-cache');
      assert.equal(res.headers.expires, '-1');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['strict-transport-security'], 'max-age=31536000;includeSubDomains');
      assert.equal(res.headers['x-ms-keyvault-region'], 'westeurope');
      assert.equal(res.headers['x-ms-keyvault-network-info'], 'conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;');
      assert.equal(res.headers['x-ms-client-request-id'], 'c0ffee00-1111-2222-3333-444455556666');
      assert.match(String(res.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
    }
    const plain = await rawRequest(`${h.url}/secrets?api-version=7.6`, { ca: h.emulator.caPem });
    assert.equal(plain.headers['x-ms-client-request-id'], undefined);
  });
});

describe('api-version', () => {
  test('every supported version is accepted, also percent-encoded as the clients send it', async () => {
    for (const version of SUPPORTED_API_VERSIONS) {
      for (const param of ['api-version', 'api%2Dversion']) {
        const res = await rawRequest(`${h.url}/secrets?${param}=${version}`, { ca: h.emulator.caPem });
        assert.equal(res.status, 200, `${param}=${version}: ${res.text}`);
      }
    }
    assert.deepEqual(SUPPORTED_API_VERSIONS, ['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01', '2026-04-01']);
  });

  test('every published preview and legacy version is accepted, its nextLink keeping the version sent', async () => {
    for (const version of ['2015-06-01', '2016-10-01', '7.0-preview', '7.1-preview', '7.2-preview', '7.3-preview', '7.4-preview.1', '7.5-preview.1', '7.6-preview.1', '7.6-preview.2']) {
      assert.ok(ACCEPTED_API_VERSIONS.includes(version), version);
      const res = await rawRequest(`${h.url}/secrets?api-version=${version}&maxresults=1`, { ca: h.emulator.caPem });
      assert.equal(res.status, 200, `${version}: ${res.text}`);
      const next = (res.json as { nextLink: string | null }).nextLink;
      if (next !== null) assert.equal(new URL(next).searchParams.get('api-version'), version);
    }
  });

  test('an unknown or missing version is 400 worded as the service words it', async () => {
    for (const [query, shown] of [['?api-version=7.7', '(7.7) is not recognized. '], ['?api-version=7.4-preview.9', '(7.4-preview.9) is not recognized. '], ['', '']] as const) {
      const url = `${h.url}/secrets${query}`;
      const res = await rawRequest(url, { ca: h.emulator.caPem });
      assert.equal(res.status, 400);
      const error = errorBody(res.json);
      assert.equal(error.code, 'BadParameter');
      assert.ok(error.message.includes(shown), error.message);
      assert.match(error.message, /Consider using the latest supported version \(2026-04-01\)\.$/);
      conforms('GET', url, res);
    }
  });
});

describe('unknown requests', () => {
  test('an unknown route is 400 with a JSON error', async () => {
    const res = await rawRequest(`${h.url}/storage/foo?api-version=7.4`, { ca: h.emulator.caPem });
    assert.equal(res.status, 400);
    assert.match(errorBody(res.json).message, /Unknown operation: GET \/storage\/foo/);
  });

  test('an unsupported method on a known path is 400 naming the allowed methods', async () => {
    const url = `${h.url}/secrets?api-version=7.4`;
    const res = await rawRequest(url, { ca: h.emulator.caPem, method: 'POST', body: '{}' });
    assert.equal(res.status, 400);
    assert.match(errorBody(res.json).message, /Method POST is not supported on \/secrets; allowed: GET/);
    const options = await rawRequest(url, { ca: h.emulator.caPem, method: 'OPTIONS' });
    assert.equal(options.status, 400);
    errorBody(options.json);
  });

  test('a body that is not JSON is 400', async () => {
    const url = `${h.url}/secrets/x?api-version=7.4`;
    const res = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '{"value":' });
    assert.equal(res.status, 400);
    assert.match(errorBody(res.json).message, /not valid JSON/);
    conforms('PUT', url, res);
  });

  test('a body that is JSON but not an object, or without a value, is 400 saying what is needed', async () => {
    const url = `${h.url}/secrets/x?api-version=7.4`;
    const arr = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '[1]' });
    assert.match(errorBody(arr.json).message, /must be a JSON object/);
    const noValue = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '{"contentType":"x"}' });
    assert.match(errorBody(noValue.json).message, /'value' is required and must be a string/);
    const badAttrs = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '{"value":"v","attributes":{"enabled":"yes"}}' });
    assert.match(errorBody(badAttrs.json).message, /'enabled' must be true or false/);
    const badTags = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '{"value":"v","tags":{"a":1}}' });
    assert.match(errorBody(badTags.json).message, /Tag 'a' must have a string value/);
    const order = await rawRequest(url, { ca: h.emulator.caPem, method: 'PUT', body: '{"value":"v","attributes":{"nbf":200,"exp":100}}' });
    assert.match(errorBody(order.json).message, /'nbf' \(not before\) must not be later than 'exp'/);
  });
});

describe('request log', () => {
  test('logs one entry per request with method, path, status and time, never the query or body', async () => {
    await h.secretClient().setSecret('logged', 'log-secret-value');
    // Entries are written when the server side of each response closes.
    await waitFor(() => log.filter((e) => e.path === '/secrets/logged').length === 2, 'two logged requests');
    const entries = log.filter((e) => e.path === '/secrets/logged');
    assert.deepEqual(
      entries.map((e) => [e.vault, e.method, e.status]),
      [
        ['first-vault', 'PUT', 401],
        ['first-vault', 'PUT', 200],
      ],
    );
    for (const e of entries) assert.ok(Number.isInteger(e.ms) && e.ms >= 0);
    assert.ok(!JSON.stringify(log).includes('log-secret-value'));
    assert.ok(!JSON.stringify(log).includes('api-version'));
  });
});

checkConformanceAfterAll(() => h.recorder.validate());
