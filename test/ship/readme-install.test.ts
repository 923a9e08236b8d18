// The README's "Install on a VM" names commands and a file; they must be the ones that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const packageScript = readFileSync(new URL('../../scripts/package.js', import.meta.url), 'utf8');

test('the README install section names the real package script, its output file and the npm way', () => {
  const start = readme.indexOf('## Install on a VM');
  assert.ok(start >= 0, 'the section exists');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  assert.match(section, /npm run package/);
  assert.ok(pkg.scripts.package?.includes('scripts/package.js'));
  assert.ok(pkg.scripts.prepack, 'npm pack builds first');
  assert.match(packageScript, /`kvx-linux-\$\{arch\}`/);
  assert.match(packageScript, /path\.join\(root, 'release'\)/);
  assert.match(section, /release\/kvx-linux-x64/);
  assert.match(section, /chmod \+x kvx-linux-x64/);
  assert.match(section, /npm install -g \.\/kvx-\*\.tgz/);
});
