import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CacheContext } from '../../src/launch/code-cache.js';
import { codeCacheFile, KEEP_FILES, readCodeCache, shortHash, writeCodeCache } from '../../src/launch/code-cache.js';

const HASH = '0123456789abcdef0123456789abcdef';
const context = (over: Partial<CacheContext> = {}): CacheContext => ({ env: {}, home: '/home/op', nodeVersion: 'v24.1.0', arch: 'x64', execArgv: [], ...over });

describe('codeCacheFile', () => {
  test('lives in $XDG_CACHE_HOME/kvx/code-cache, else ~/.cache/kvx/code-cache; a relative XDG_CACHE_HOME is ignored, as the spec says', () => {
    assert.equal(path.dirname(codeCacheFile(HASH, context({ env: { XDG_CACHE_HOME: '/var/cache/op' } }))!), '/var/cache/op/kvx/code-cache');
    assert.equal(path.dirname(codeCacheFile(HASH, context())!), '/home/op/.cache/kvx/code-cache');
    assert.equal(path.dirname(codeCacheFile(HASH, context({ env: { XDG_CACHE_HOME: 'cache' } }))!), '/home/op/.cache/kvx/code-cache');
  });

  test('is named for the script, its size and time, the Node version, the architecture and the flags (V8 takes a cache only from the same V8 and flags)', () => {
    const base = codeCacheFile(HASH, context())!;
    assert.match(path.basename(base), new RegExp(`^${HASH}-v24\\.1\\.0-x64-[0-9a-f]{8}\\.v8$`));
    const others = [
      codeCacheFile(HASH.replace('0', '1'), context()),
      codeCacheFile(HASH, context({ nodeVersion: 'v24.2.0' })),
      codeCacheFile(HASH, context({ arch: 'arm64' })),
      codeCacheFile(HASH, context({ execArgv: ['--max-old-space-size=200'] })),
      codeCacheFile(HASH, context({ env: { NODE_OPTIONS: '--jitless' } })),
      codeCacheFile(HASH, context(), { size: 10, mtimeMs: 1 }),
      codeCacheFile(HASH, context(), { size: 10, mtimeMs: 2 }),
    ];
    assert.equal(new Set([base, ...others]).size, others.length + 1);
  });

  test('is none when NODE_DISABLE_COMPILE_CACHE is set or the hash is not a plain hex word', () => {
    assert.equal(codeCacheFile(HASH, context({ env: { NODE_DISABLE_COMPILE_CACHE: '1' } })), undefined);
    assert.equal(codeCacheFile('../../x', context()), undefined);
    assert.equal(codeCacheFile('abc', context()), undefined);
  });
});

test('shortHash tells flag sets apart, and is stable', () => {
  assert.equal(shortHash(''), '811c9dc5');
  assert.notEqual(shortHash('--a\0'), shortHash('\0--a'));
  assert.equal(shortHash('--max-old-space-size=200'), shortHash('--max-old-space-size=200'));
});

describe('writeCodeCache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-code-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`keeps the ${KEEP_FILES} newest caches (kvx and Node upgrades leave old ones behind) and leaves other files alone`, () => {
    const cacheDir = path.join(dir, 'kvx', 'code-cache');
    mkdirSync(cacheDir, { recursive: true });
    for (let i = 0; i < 6; i++) {
      const f = path.join(cacheDir, `old${i}.v8`);
      writeFileSync(f, 'x');
      utimesSync(f, 1_000 + i, 1_000 + i);
    }
    writeFileSync(path.join(cacheDir, 'notes.txt'), 'kept');
    const file = path.join(cacheDir, 'new.v8');
    assert.equal(writeCodeCache(file, Buffer.from('cache')), true);
    assert.deepEqual(readdirSync(cacheDir).sort(), ['new.v8', 'notes.txt', 'old3.v8', 'old4.v8', 'old5.v8']);
    assert.deepEqual(readCodeCache(file), Buffer.from('cache'));
  });

  test('reads nothing from a missing or empty file', () => {
    assert.equal(readCodeCache(path.join(dir, 'none.v8')), undefined);
    const empty = path.join(dir, 'empty.v8');
    writeFileSync(empty, '', { mode: 0o600 });
    assert.equal(readCodeCache(empty), undefined);
  });
});
