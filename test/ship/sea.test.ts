// The single executable (`npm run package`, scripts/package.js) run where there is no Node:
// every process gets an empty environment (`env -i`), so nothing from PATH or the repository
// can stand in for what the file itself carries.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretClient } from '@azure/keyvault-secrets';
import { collect, testCredential, waitFor } from '../emulator/support/emulator-harness.js';
import { startEmulatorProcess } from '../emulator/support/emulator-process.js';
import { assertFits, hasTmux, shq, startTmux } from '../e2e/support/tmux-session.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
// The executable is made from the pinned Node (node_modules/node) whatever Node runs the
// tests, so CI's second run on Node 22 would only build and check the same file again.
const baseVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'node', 'package.json'), 'utf8')) as { version: string }).version;
const skip =
  process.platform !== 'linux' ? 'single executables are built for Linux only'
  : process.versions.node !== baseVersion ? `the single executable is made from and tested with the pinned Node ${baseVersion}`
  : false;

interface Ready {
  vaults: { name: string; url: string }[];
  caFile: string;
}

describe('the single executable', { skip }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kvx-sea-'));
  const home = path.join(work, 'home');
  const exe = path.join(work, `kvx-linux-${process.arch}`);

  before(() => {
    mkdirSync(home);
    execFileSync(process.execPath, ['scripts/package.js', '--out', work], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('prints its version with no environment at all', () => {
    assert.equal(execFileSync('env', ['-i', exe, '--version'], { cwd: work, encoding: 'utf8' }), `${pkg.version}\n`);
  });

  test('serves `kvx emulator`: the ready line, real SDK requests over HTTPS, and a clean stop on SIGTERM', async () => {
    const { child, ready, stderr, exited } = await startEmulatorProcess<Ready>('env', ['-i', `HOME=${home}`, exe, 'emulator', '--seed', 'demo'], { cwd: work });
    try {
      assert.deepEqual(ready.vaults.map((v) => v.name), ['contoso-prod', 'contoso-dev', 'contoso-payments']);
      assert.ok(ready.caFile.startsWith(home), `its CA is cached under HOME: ${ready.caFile}`);
      const client = new SecretClient(ready.vaults[0].url, testCredential, {
        tlsOptions: { ca: readFileSync(ready.caFile, 'utf8') },
        disableChallengeResourceVerification: true,
      });
      assert.ok((await collect(client.listPropertiesOfSecrets())).length > 20);
      await client.setSecret('from-the-single-executable', 'v1');
      assert.equal((await client.getSecret('from-the-single-executable')).value, 'v1');
      await waitFor(() => stderr().includes('PUT /secrets/from-the-single-executable 200'), 'the request log line');
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('kvx --demo draws its first frame in a terminal and quits cleanly', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
    const session = await startTmux('ship-sea', { command: `cd ${shq(work)} && env -i TERM=xterm-256color HOME=${shq(home)} ${shq(exe)} --demo` });
    try {
      const first = await session.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'the demo secrets list', 60_000);
      assertFits(first);
      session.keys('q');
      const after = await session.waitForScreen((s) => /KVX-EXIT=\d+/.test(s), 'kvx exiting');
      assert.match(after, /KVX-EXIT=0/);
    } finally {
      session.close();
    }
  });
});
