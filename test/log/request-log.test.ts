// --log FILE: one line per request (method, path, status, duration, x-ms-request-id) from a
// policy on every client, and the SDK's AZURE_LOG_LEVEL lines — in the file, never on the
// screen, and never a token, a body or a secret value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFlags, parseArgs } from '../../src/config/flags.js';
import { loadSettings } from '../../src/config/settings.js';
import { requestLogPolicy } from '../../src/log/request-log-policy.js';
import { routeSdkLog } from '../../src/log/sdk-log.js';
import { createRuntime } from '../../src/runtime.js';
import { TEST_TLS_CACHE, waitFor } from '../emulator/support/emulator-harness.js';
import { startStoreHarness } from '../store/store-harness.js';

test('the request log has method, path, status, duration and request id for every request, and no token or value', async () => {
  const lines: string[] = [];
  const h = await startStoreHarness({}, { additionalPolicies: [{ policy: requestLogPolicy((l) => lines.push(l)), position: 'perRetry' }] });
  try {
    await h.store.createSecret({ vault: 'store-vault', name: 'logged', value: 'the-secret-value-xyz' });
    await waitFor(() => h.store.getSnapshot().operations.some((o) => o.state !== 'running'), 'create done');
    h.store.loadCollection(h.vault('store-vault').url, 'secrets');
    await h.until((s) => s.vaults[0].collections.secrets.status === 'complete', 'list');
    const item = h.collection('secrets').items.find((i) => i.name === 'logged')!;
    assert.equal(await h.store.readSecretValue(item), 'the-secret-value-xyz');
    const text = lines.join('\n');
    assert.match(text, /^request PUT 127\.0\.0\.1:\d+\/secrets\/logged 200 \d+ms x-ms-request-id=[0-9a-f-]{36}$/m);
    assert.match(text, /^request GET 127\.0\.0\.1:\d+\/secrets 200 \d+ms x-ms-request-id=/m);
    // The challenge round trip is logged too: the first request of a client gets 401.
    assert.match(text, /^request \w+ \S+ 401 /m);
    assert.ok(!text.includes('the-secret-value-xyz'), 'no value');
    assert.ok(!/bearer|eyJ/i.test(text), 'no token');
  } finally {
    await h.stop();
  }
});

test('--demo --log FILE with AZURE_LOG_LEVEL: requests and SDK lines go to the file, nothing to stderr', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-log-'));
  const file = path.join(dir, 'kvx.log');
  const settings = loadSettings(parseArgs(['--demo', '--log', file], appFlags), { AZURE_LOG_LEVEL: 'info' }, { readFile: () => undefined, homeDir: () => dir });
  assert.equal(settings.azureLogLevel, 'info');
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    written.push(String(chunk));
    return original(chunk, ...rest);
  }) as typeof process.stderr.write;
  const runtime = await createRuntime(settings, { tlsCacheDir: TEST_TLS_CACHE });
  try {
    // The demo finds its vaults through the emulator's ARM, like a real first start.
    await waitFor(() => runtime.store.getSnapshot().vaults.some((v) => v.name === 'contoso-prod'), 'the demo vaults', 20_000);
    const prod = runtime.store.getSnapshot().vaults.find((v) => v.name === 'contoso-prod')!;
    runtime.store.loadCollection(prod.url, 'secrets');
    await waitFor(() => runtime.store.getSnapshot().vaults.find((v) => v.url === prod.url)?.collections.secrets.status === 'complete', 'demo secrets', 20_000);
  } finally {
    await runtime.dispose();
    process.stderr.write = original;
    routeSdkLog(undefined, undefined);
  }
  try {
    const log = readFileSync(file, 'utf8');
    assert.match(log, /Z request GET 127\.0\.0\.1:\d+\/secrets 200 \d+ms x-ms-request-id=/);
    assert.match(log, /Z sdk azure:[\w-]+:info /, 'the SDK log lines are in the file');
    assert.ok(!written.some((w) => w.includes('azure:')), `no SDK line on stderr: ${written.join('')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
