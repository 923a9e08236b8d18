// package.json promises Node 22 (engines); CI keeps that promise by running the suite on the
// Node 22 pinned in .ci/node22 after `npm test` on the project's Node 24.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

test('CI runs the test suite a second time on the oldest Node that engines allows', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const oldest = Number(/^>=(\d+)$/.exec(engines)?.[1]);
  const pinned = (JSON.parse(read('.ci/node22/package.json')) as { dependencies: { node: string } }).dependencies.node;
  assert.equal(Number(pinned.split('.')[0]), oldest, `.ci/node22 pins node ${pinned}; engines says ${engines}`);
  const locked = (JSON.parse(read('.ci/node22/package-lock.json')) as { packages: Record<string, { version?: string }> }).packages['node_modules/node'];
  assert.equal(locked?.version, pinned, 'the lockfile pins the same Node');
  const ci = read('.ci/run');
  const npmTest = ci.indexOf('\nnpm test\n');
  const node22 = ci.indexOf('npm ci --prefix .ci/node22');
  assert.ok(npmTest > 0, '.ci/run runs the README test command');
  assert.ok(node22 > npmTest, 'then installs Node 22');
  assert.match(ci.slice(node22), /PATH="\$PWD\/\.ci\/node22\/node_modules\/\.bin:/);
  assert.match(ci.slice(node22), /scripts\['test:run'\]/);
});
