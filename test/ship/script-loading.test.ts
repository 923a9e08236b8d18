// The built kvx (bin/kvx.js → dist/launcher.js → dist/kvx.cjs) starting on a vault, watched
// from inside by a preloaded module that notes which of Node's modules were loaded when:
// - the first frame is drawn before any Azure SDK module is evaluated (none has loaded
//   node:https yet);
// - listing the vault, signed in through DefaultAzureCredential with an App Service style
//   managed identity (the emulator's), never loads Node's fetch (undici): its first load
//   costs ~40 ms of a cold process, and nothing kvx does needs it (scripts/bundle.js);
// - the first start leaves V8's code cache of the script once it has drawn its list, and the
//   next start takes it (src/launch/).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPty } from '../../bench/support/pty.js';
import type { Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { AFTER_ROWS_MS } from '../../src/save-code-cache.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Appends "<event> <what was loaded>" to $KVX_LOADS_FILE at the first frame and at the first rows. */
const PRELOAD = `
import { appendFileSync } from 'node:fs';
const loaded = () => ({ https: process.moduleLoadList.includes('NativeModule https'), undici: process.moduleLoadList.some((m) => m.includes('undici')) });
const seen = new Set();
const note = (event) => { if (!seen.has(event)) { seen.add(event); appendFileSync(process.env.KVX_LOADS_FILE, JSON.stringify({ event, ...loaded() }) + '\\n'); } };
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk);
  if (text.includes(' kvx ')) note('first frame');
  if (text.includes('loaded-secret-')) note('rows');
  return write(chunk, ...rest);
};
`;

describe('the built kvx, started on a vault', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-script-loading-'));
  const cacheHome = path.join(dir, 'cache');
  let emulator: Emulator;

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.js', '--outdir', path.join(dir, 'dist')], { cwd: root, stdio: 'inherit' });
    mkdirSync(path.join(dir, 'bin'));
    cpSync(path.join(root, 'bin', 'kvx.js'), path.join(dir, 'bin', 'kvx.js'));
    writeFileSync(path.join(dir, 'preload.mjs'), PRELOAD);
    emulator = await startEmulator({ vaults: ['loaded'], tlsCacheDir: TEST_TLS_CACHE });
    writeFileSync(path.join(dir, 'ca.pem'), emulator.caPem);
    const secrets = emulator.vault('loaded').store(SECRETS);
    for (let i = 0; i < 30; i++) secrets.create(`loaded-secret-${i}`, { payload: { value: 'v' } });
  });

  after(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One start of kvx until its rows are on screen, then `whileOn` before it quits; what it loaded when. */
  async function start(name: string, whileOn: () => Promise<void> = async () => undefined) {
    const loads = path.join(dir, `${name}.loads`);
    writeFileSync(loads, '');
    const kvx = startPty(`exec ${JSON.stringify(process.execPath)} bin/kvx.js --ca-file ${JSON.stringify(path.join(dir, 'ca.pem'))} ${emulator.vaults[0].url}`, {
      cwd: dir,
      env: {
        ...emulator.identity.appServiceEnv,
        XDG_CONFIG_HOME: path.join(dir, 'config'),
        XDG_CACHE_HOME: cacheHome,
        NODE_OPTIONS: `--import ${path.join(dir, 'preload.mjs')}`,
        KVX_LOADS_FILE: loads,
      },
    });
    try {
      await kvx.waitFor((o) => o.includes('loaded-secret-'), 60_000);
      await whileOn();
      await kvx.press('q', 100).catch(() => undefined);
    } finally {
      await kvx.close();
    }
    const notes = readFileSync(loads, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; https: boolean; undici: boolean });
    return Object.fromEntries(notes.map(({ event, ...rest }) => [event, rest]));
  }

  const caches = () => {
    try {
      return readdirSync(path.join(cacheHome, 'kvx', 'code-cache')).map((f) => path.join(cacheHome, 'kvx', 'code-cache', f));
    } catch {
      return [];
    }
  };

  test('draws its first frame before any Azure SDK module is evaluated, lists the vault without loading undici, and leaves its code cache', async () => {
    const loads = await start('first', async () => {
      // The cache is taken a moment after the first rows (save-code-cache.ts).
      while (caches().length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    });
    assert.deepEqual(loads, { 'first frame': { https: false, undici: false }, rows: { https: true, undici: false } });
    const [file] = caches();
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test('the next start takes the cache: it is not written again', async () => {
    const [file] = caches();
    assert.ok(file, 'the first start left a cache');
    const before = statSync(file);
    await start('second', async () => {
      // Past the moment a refused cache would have been replaced: AFTER_ROWS_MS after the rows.
      const rowsAt = Date.now();
      while (Date.now() - rowsAt < AFTER_ROWS_MS + 1_500) await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const now = statSync(file);
    assert.deepEqual([caches().length, now.ino, now.mtimeMs], [1, before.ino, before.mtimeMs]);
  });
});
