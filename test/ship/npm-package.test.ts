// The npm package as a user gets it: packed from a tree without dist/ (like a clean clone, so
// `prepack` must build), installed globally into an empty prefix, and run from there with the
// repository's node_modules out of reach — only Node itself comes from the repository
// (the one running this test: the pinned 24, or 22 in CI's second run).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTmux, shq, startTmux } from '../e2e/support/tmux-session.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : e.isFile() ? statSync(p).size : 0;
  }
  return total;
}

describe('the npm package', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kvx-pack-'));
  const clone = path.join(work, 'clone');
  const prefix = path.join(work, 'prefix');
  const home = path.join(work, 'home');
  // Only the directory of the Node that runs the tests and the system's tools: no npm
  // scripts' node_modules/.bin, no NODE_PATH.
  const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, TERM: 'xterm-256color', CI: 'false' };
  let tarball = '';
  let files: string[] = [];

  before(() => {
    mkdirSync(clone);
    mkdirSync(home);
    for (const f of ['package.json', 'package-lock.json', 'README.md', 'LICENSE', 'tsconfig.json']) cpSync(path.join(root, f), path.join(clone, f));
    for (const d of ['bin', 'scripts', 'src']) cpSync(path.join(root, d), path.join(clone, d), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone, env: { ...process.env, npm_config_loglevel: 'error' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    ) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0].filename);
    files = packed[0].files.map((f) => f.path);
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: work,
      env: { ...env, npm_config_cache: path.join(work, 'npm-cache') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const kvx = () => path.join(prefix, 'bin', 'kvx');
  const installed = () => path.join(prefix, 'lib', 'node_modules', 'kvx');

  test('prepack builds dist/, and the tarball holds what runs: no sources, no source maps', () => {
    assert.ok(files.includes('bin/kvx.js'));
    assert.ok(files.includes('dist/kvx.cjs'));
    assert.ok(files.includes('dist/launcher.js'));
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), []);
    assert.deepEqual(files.filter((f) => !/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE$)/.test(f)), []);
  });

  test('installing it pulls in no other package and takes a few MB', () => {
    const manifest = JSON.parse(readFileSync(path.join(installed(), 'package.json'), 'utf8')) as { dependencies?: object; engines: { node: string } };
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'everything it runs is bundled');
    assert.equal(manifest.engines.node, '>=22');
    assert.ok(!existsSync(path.join(installed(), 'node_modules')));
    const bytes = dirBytes(path.join(prefix, 'lib'));
    assert.ok(bytes < 8 * 1024 * 1024, `installed size ${bytes} bytes`);
  });

  test('no node_modules above the installed package but its own prefix', () => {
    for (let dir = installed(); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const nm = path.join(path.dirname(dir), 'node_modules');
      if (nm === path.join(prefix, 'lib', 'node_modules')) continue;
      assert.ok(!existsSync(nm), `${nm} would be in reach`);
    }
  });

  test('kvx --version and kvx --help run from the prefix', () => {
    assert.equal(execFileSync(kvx(), ['--version'], { cwd: work, env, encoding: 'utf8' }), `${pkg.version}\n`);
    const help = execFileSync(kvx(), ['--help'], { cwd: work, env, encoding: 'utf8' });
    assert.match(help, /^kvx \d+\.\d+\.\d+ — /);
    assert.match(help, /kvx --demo/);
  });

  test('kvx --demo from the prefix draws its first frame in a terminal and quits cleanly', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
    const vars = Object.entries({ ...env, XDG_CACHE_HOME: path.join(home, '.cache'), XDG_CONFIG_HOME: path.join(home, '.config') }).map(([k, v]) => `${k}=${shq(v)}`);
    const session = await startTmux('ship-npm', { command: `cd ${shq(work)} && env -i ${vars.join(' ')} ${shq(kvx())} --demo` });
    try {
      await session.waitForScreen((s) => s.includes('contoso-prod ▸ secrets') && s.includes('acr-pull-token'), 'the demo secrets list');
      session.keys('q');
      const after = await session.waitForScreen((s) => /KVX-EXIT=\d+/.test(s), 'kvx exiting');
      assert.match(after, /KVX-EXIT=0/);
    } finally {
      session.close();
    }
  });
});
