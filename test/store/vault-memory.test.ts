import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rememberVaults } from '../../src/config/remember-vaults.js';
import type { VaultMemoryLists } from '../../src/store/vault-memory.js';
import { RECENT_LIMIT, VaultMemory } from '../../src/store/vault-memory.js';

test('opening vaults keeps the most recent first, once each, at most ten; pins toggle; every change is persisted', () => {
  const saved: VaultMemoryLists[] = [];
  const memory = new VaultMemory({ pinned: ['https://a.vault.azure.net'] }, (l) => saved.push(l));
  memory.opened('https://b.vault.azure.net');
  memory.opened('https://c.vault.azure.net');
  memory.opened('https://B.vault.azure.net/');
  assert.deepEqual(memory.current.recent, ['https://B.vault.azure.net/', 'https://c.vault.azure.net']);
  for (let i = 0; i < 15; i++) memory.opened(`https://v${i}.vault.azure.net`);
  assert.equal(memory.current.recent.length, RECENT_LIMIT);
  assert.equal(memory.togglePin('https://A.vault.azure.net'), false);
  assert.equal(memory.togglePin('https://d.vault.azure.net'), true);
  assert.deepEqual(saved.at(-1)?.pinned, ['https://d.vault.azure.net']);
});

test('the config file keeps its other fields; a file that is not a JSON object is never overwritten', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-memory-'));
  try {
    const file = path.join(dir, 'kvx', 'config.json');
    assert.equal(rememberVaults(file, { pinned: ['https://p.vault.azure.net'], recent: [] }), true);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { pinned: ['https://p.vault.azure.net'], recent: [] });
    writeFileSync(file, JSON.stringify({ theme: 'plain', keys: { quit: ['Q'] } }));
    rememberVaults(file, { pinned: [], recent: ['https://r.vault.azure.net'] });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { theme: 'plain', keys: { quit: ['Q'] }, pinned: [], recent: ['https://r.vault.azure.net'] });
    assert.equal(rememberVaults(path.join(dir, 'missing', 'kvx', 'config.json'), { pinned: [], recent: [] }), false, 'no directories above kvx/ are made');
    writeFileSync(file, '{ "theme": "plain", // a comment\n}');
    assert.equal(rememberVaults(file, { pinned: [], recent: [] }), false);
    assert.equal(readFileSync(file, 'utf8'), '{ "theme": "plain", // a comment\n}');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
