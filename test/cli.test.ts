// Runs the built CLI as a user would (the suite builds first: `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = new URL('../bin/kvx.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

test('kvx --version prints the version', () => {
  const r = run('--version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('kvx --help lists every flag with a description', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  for (const flag of ['--demo', '--read-only', '--ca-file', '--help', '--version']) assert.match(r.stdout, new RegExp(flag));
});

test('an unknown flag exits 2 and names it', () => {
  const r = run('--frobnicate');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown flag --frobnicate/);
});

const PAYLOAD = '\u001b]0;PWNED\u0007\u001b[2J\u200bx';
const runWith = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

test('every usage error that quotes what was typed shows it escaped, never raw (escape corpus)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-cli-escape-'));
  try {
    const config = (name: string, body: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(body));
      return file;
    };
    const empty = { XDG_CONFIG_HOME: dir, KEY_VAULT_NAME: '', AZURE_KEYVAULT_URL: '', AZURE_TENANT_ID: '', AZURE_CLIENT_ID: '', NODE_EXTRA_CA_CERTS: '' };
    const cases: [string, string[], NodeJS.ProcessEnv][] = [
      ['unknown flag', [`--${PAYLOAD}`], {}],
      ['--tenant', ['--tenant', PAYLOAD, 'contoso'], {}],
      ['--client-id', ['--client-id', PAYLOAD, 'contoso'], {}],
      ['--demo-identity', ['--demo', '--demo-identity', PAYLOAD], {}],
      ['vault name', [PAYLOAD], {}],
      ['vault URL', [`https://${PAYLOAD}.vault.azure.net/x`], {}],
      ['KEY_VAULT_NAME', [], { KEY_VAULT_NAME: PAYLOAD }],
      ['AZURE_KEYVAULT_URL', [], { AZURE_KEYVAULT_URL: `https://a.b/${PAYLOAD}` }],
      ['AZURE_TENANT_ID', ['contoso'], { AZURE_TENANT_ID: PAYLOAD }],
      ['--config missing', ['--config', path.join(dir, PAYLOAD)], {}],
      ['--ca-file missing', ['--ca-file', path.join(dir, PAYLOAD), 'contoso'], {}],
      ['config unknown field', ['--config', config('field.json', { [PAYLOAD]: 1 })], {}],
      ['config unknown command', ['--config', config('command.json', { keys: { [PAYLOAD]: ['j'] } })], {}],
      ['config unknown key name', ['--config', config('key.json', { keys: { reveal: [PAYLOAD] } })], {}],
      ['config vault', ['--config', config('vault.json', { vaults: [PAYLOAD] })], {}],
    ];
    for (const [what, args, env] of cases) {
      const r = runWith(args, { ...empty, ...env });
      assert.equal(r.status, 2, `${what}: exit 2 (stderr: ${JSON.stringify(r.stderr)})`);
      assert.match(r.stderr, /^kvx: /, what);
      // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
      assert.doesNotMatch(r.stderr, /[\u001b\u0007\u200b]/, `${what}: nothing raw reaches the terminal: ${JSON.stringify(r.stderr)}`);
    }
    // The typed text is still shown, visibly.
    assert.match(runWith(['--tenant', PAYLOAD, 'contoso'], empty).stderr, /\\e\]0;PWNED\\u\{7\}\\e\[2J⟨U\+200B⟩x/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a terminal kvx says it needs one (suggesting ssh -t) and exits 2, without a stack trace', () => {
  for (const args of [['contoso'], ['--demo']]) {
    const r = runWith(args, { KEY_VAULT_NAME: '', CI: 'false' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /kvx is interactive and needs a terminal/);
    assert.match(r.stderr, /ssh -t HOST kvx/);
    assert.doesNotMatch(r.stderr, /Raw mode|\n {4}at /);
  }
});

test('config problems exit 2 with a clear message: unknown key names, shadowed keys, a directory as config', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-cli-config-'));
  try {
    const file = path.join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ keys: { 'move.down': ['ctrl+alt+banana'] } }));
    let r = runWith(['--config', file, 'contoso']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"keys\.move\.down": "ctrl\+alt\+banana" is not a key name/);
    writeFileSync(file, JSON.stringify({ keys: { reveal: ['q'] } }));
    r = runWith(['--config', file, 'contoso']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"keys\.reveal": "q" is already the key of "quit"/);
    r = runWith(['--config', dir, 'contoso']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^kvx: --config: .* is a directory; give the path of a file/);
    assert.doesNotMatch(r.stderr, /EISDIR|\n {4}at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--log FILE that cannot be written exits 2 before the screen is taken, saying why', () => {
  const r = run('--demo', '--log', '/nonexistent-dir/kvx.log');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--log: cannot write \/nonexistent-dir\/kvx\.log \(ENOENT\)/);
});
