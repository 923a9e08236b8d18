// The README is a newcomer's first look: its keys table must not drift from the keymap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultKeymap, displayKey } from '../src/ui/keymap.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('the README keys table lists every key of the default keymap', () => {
  const section = readme.slice(readme.indexOf('## Keys'), readme.indexOf('\n## ', readme.indexOf('## Keys') + 1));
  const missing = defaultKeymap.flatMap((b) => b.keys.map(displayKey).filter((k) => !section.includes(`\`${k}\``)).map((k) => `${k} (${b.command})`));
  assert.deepEqual(missing, []);
});

test('the README quick start has the two commands, and the screenshots it shows exist', () => {
  assert.match(readme, /npm ci && npm start/);
  assert.match(readme, /npm ci && npm test/);
  for (const [, file] of readme.matchAll(/\]\((screenshots\/[^)]+\.png)\)/g)) {
    assert.doesNotThrow(() => readFileSync(new URL(`../${file}`, import.meta.url)), file);
  }
});
