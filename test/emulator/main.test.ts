// `kvx emulator`: flags, the ready line, the request log, clean stops on SIGINT/SIGTERM.
import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { SecretClient } from '@azure/keyvault-secrets';
import { EMULATOR_FLAGS, parseEmulatorArgs } from '../../src/emulator/cli-args.js';
import { runEmulatorCli } from '../../src/emulator/main.js';
import { createIdentityRegistry } from '../../src/emulator/identity/index.js';
import { collect, testCredential, waitFor } from './support/emulator-harness.js';
import { startEmulatorProcess } from './support/emulator-process.js';
import { rawRequest } from './support/raw-request.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
/** $XDG_CACHE_HOME for the CLI under test: its CA lands in the ignored .kvx-test/. */
const cacheHome = path.join(repoRoot, '.kvx-test', 'xdg-cache');
let savedCacheHome: string | undefined;

before(() => {
  // The CLI caches its CA under $XDG_CACHE_HOME/kvx; keep it in the test directory.
  savedCacheHome = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cacheHome;
});

after(() => {
  if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCacheHome;
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

async function runToEnd(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = capture();
  const err = capture();
  const code = await runEmulatorCli(argv, { stdout: out.stream, stderr: err.stream, signal: AbortSignal.abort() });
  return { code, stdout: out.text(), stderr: err.text() };
}

interface Ready {
  vaults: { name: string; url: string }[];
  caFile: string;
  adminToken: string;
}

describe('flags', () => {
  test('--help lists every flag on its own line and exits 0', async () => {
    const { code, stdout } = await runToEnd(['--help']);
    assert.equal(code, 0);
    for (const flag of EMULATOR_FLAGS) {
      assert.ok(stdout.split('\n').some((line) => line.trimStart().startsWith(flag.name)), `${flag.name} missing from --help`);
    }
    for (const flag of ['--vault', '--port', '--seed', '--latency', '--delete-delay', '--purge-delay', '--cert', '--key']) {
      assert.ok(EMULATOR_FLAGS.some((f) => f.name === flag), flag);
    }
  });

  test('--help lists the identities with client, object and resource ids for the tenant given', async () => {
    const tenantId = '11111111-2222-3333-4444-555555555555';
    const { stdout } = await runToEnd(['--tenant', tenantId, '--help']);
    const registry = createIdentityRegistry({ tenantId });
    assert.ok(stdout.includes(`Identities (tenant ${tenantId}):`));
    for (const identity of registry.all) {
      assert.ok(stdout.includes(`  ${identity.name} (${identity.kind}`), identity.name);
      assert.ok(stdout.includes(`client id  ${identity.clientId}`), `${identity.name} client id`);
      assert.ok(stdout.includes(`object id  ${identity.objectId}`), `${identity.name} object id`);
      if (identity.resourceId) assert.ok(stdout.includes(`resource   ${identity.resourceId}`), `${identity.name} resource id`);
    }
    assert.match(stdout, /IDENTITY_ENDPOINT, IDENTITY_HEADER/);
  });

  test('an unknown flag or a bad value exits 2 with a message naming it', async () => {
    const cases: [string[], RegExp][] = [
      [['--nope'], /Unknown flag '--nope'/],
      [['--port', 'abc'], /--port: 'abc' is not an integer from 0 to 65535/],
      [['--seed', 'full'], /--seed: 'full' is not one of demo, empty/],
      [['--throttle-rate', '2'], /--throttle-rate: '2' is not a number from 0 to 1/],
      [['--error-status', '502'], /--error-status: '502' is not 500 or 503/],
      [['--forbid', 'vaults'], /--forbid: Invalid permission 'vaults'/],
      [['--vault'], /--vault needs a value: --vault NAME/],
      [['--latency', '--seed', 'demo'], /--latency needs a value/],
      [['--purge-protection=yes'], /--purge-protection takes no value/],
      [['--cert', 'a.pem'], /--cert and --key go together/],
      [['--recoverable-days', '3'], /--recoverable-days: '3' is not an integer from 7 to 90/],
      [['--tenant', 'contoso'], /--tenant: 'contoso' is not a GUID like 00000000-0000-0000-0000-000000000000/],
      [['--strict=yes'], /--strict takes no value/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await runToEnd(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
      assert.equal(stdout, '');
    }
  });

  test('--strict and --tenant reach the emulator options', () => {
    const tenant = '0b0c0d0e-1111-2222-3333-444455556666';
    assert.deepEqual(parseEmulatorArgs(['--strict', '--tenant', tenant]).options, { strict: true, tenantId: tenant });
    assert.deepEqual(parseEmulatorArgs([]).options, {});
  });

  test('a value the emulator cannot start with (non-loopback host, bad vault name, TLS files) exits 2 with the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['--host', '0.0.0.0'], /^kvx emulator: --host: The emulator binds loopback addresses only/],
      [['--vault', 'x'], /^kvx emulator: --vault: Invalid vault name 'x'/],
      [['--vault', 'twin-vault', '--vault', 'TWIN-vault'], /--vault: Vault 'TWIN-vault' is given twice/],
      [['--port', '65535', '--vault', 'one-vault', '--vault', 'two-vault'], /--port: not enough ports above 65535 for 2 vaults/],
      [['--cert', here + '/main.test.ts', '--key', here + '/main.test.ts'], /--cert\/--key: The TLS certificate is not a PEM X\.509 certificate/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await runToEnd(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
      assert.match(stderr, /Run 'kvx emulator --help' for the flags\.\n$/);
      assert.equal(stdout, '');
    }
  });

  test('usage errors show control and invisible characters that were typed as visible escapes', async () => {
    const cases: [string[], string][] = [
      [['--tenant', '\u001b]0;PWNED\u0007\u001b[2J'], "--tenant: '\\e]0;PWNED\\u{7}\\e[2J' is not a GUID"],
      [['--nope\u001b[31m'], "Unknown flag '--nope\\e[31m'"],
      [['--vault', 'pa\u200bssword'], "Invalid vault name 'pa⟨U+200B⟩ssword'"],
      [['--host', '\u202e1.0.0.721'], "not '⟨U+202E⟩1.0.0.721'"],
      [['--seed', 'de\u009bmo'], "--seed: 'de\\u{9b}mo' is not one of"],
      [['--port', '1\r2'], "--port: '1\\r2' is not an integer"],
    ];
    for (const [argv, shown] of cases) {
      const { code, stderr } = await runToEnd(argv);
      assert.equal(code, 2, JSON.stringify(argv));
      assert.ok(stderr.includes(shown), `${JSON.stringify(argv)}: ${JSON.stringify(stderr)}`);
      // eslint-disable-next-line no-control-regex -- no raw control or invisible character may reach the terminal
      assert.doesNotMatch(stderr.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    }
  });
});

describe('running in-process', () => {
  test('prints one ready line, serves the vaults, logs each request to stderr, stops on abort', async () => {
    const out = capture();
    const err = capture();
    const stop = new AbortController();
    const done = runEmulatorCli(
      ['--vault', 'cli-one', '--vault', 'cli-two', '--delete-delay=5', '--purge-delay', '5', '--purge-protection', '--latency', '1'],
      { stdout: out.stream, stderr: err.stream, signal: stop.signal },
    );
    await waitFor(() => out.text().includes('\n'), 'the ready line');
    const ready = JSON.parse(out.text()) as Ready;
    assert.deepEqual(Object.keys(ready), ['vaults', 'caFile', 'tenantId', 'identityEndpoint', 'env', 'envs', 'identities', 'armEndpoint', 'strict', 'adminToken']);
    assert.deepEqual(ready.vaults.map((v) => v.name), ['cli-one', 'cli-two']);
    const { readFileSync } = await import('node:fs');
    const ca = readFileSync(ready.caFile, 'utf8');
    const client = new SecretClient(ready.vaults[0].url, testCredential, { tlsOptions: { ca }, disableChallengeResourceVerification: true });
    const s = await client.setSecret('from-cli', 'cli-secret-value');
    assert.equal(s.properties.recoveryLevel, 'Recoverable');
    await (await client.beginDeleteSecret('from-cli', { intervalInMs: 2 })).pollUntilDone();
    await assert.rejects(client.purgeDeletedSecret('from-cli'), { statusCode: 403 });
    await waitFor(() => err.text().includes('DELETE /deletedsecrets/from-cli 403'), 'the purge to be logged');
    // The admin API takes the ready line's per-run token, and nothing else.
    assert.match(ready.adminToken, /^[A-Za-z0-9_-]{32}$/);
    const admin = `${ready.vaults[0].url}/_emulator/faults`;
    assert.equal((await rawRequest(admin, { ca, token: ready.adminToken })).status, 200);
    assert.equal((await rawRequest(admin, { ca, token: null })).status, 401);
    const lines = err.text().trim().split('\n');
    for (const line of lines) assert.match(line, /^cli-one (GET|PUT|DELETE) \/\S* \d{3} \d+ms$/);
    assert.ok(lines.some((l) => /^cli-one PUT \/secrets\/from-cli 200 \d+ms$/.test(l)), 'the set is logged');
    assert.ok(!err.text().includes('cli-secret-value'));
    stop.abort();
    assert.equal(await done, 0);
    assert.equal(out.text().split('\n').filter(Boolean).length, 1);
  });
});

describe('running as a process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} stops it cleanly with exit code 0`, async () => {
      const { child, ready, stdout, exited } = await startEmulatorProcess<Ready>(process.execPath, ['--import', 'tsx', path.join(here, 'support/run-emulator-cli.ts'), '--seed', 'demo'], {
        cwd: repoRoot,
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
        timeoutMs: 30_000,
      });
      try {
        assert.deepEqual(ready.vaults.map((v) => v.name), ['contoso-prod', 'contoso-dev', 'contoso-payments']);
        const { readFileSync } = await import('node:fs');
        const client = new SecretClient(ready.vaults[2].url, testCredential, {
          tlsOptions: { ca: readFileSync(ready.caFile, 'utf8') },
          disableChallengeResourceVerification: true,
        });
        assert.ok((await collect(client.listPropertiesOfSecrets())).length > 20);
        child.kill(signal);
        assert.equal(await exited, 0);
        assert.equal(stdout().split('\n').filter(Boolean).length, 1);
      } finally {
        child.kill('SIGKILL');
      }
    });
  }
});
