// Runs the built CLI as a user would (the suite builds first: `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
