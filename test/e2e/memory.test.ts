// RSS stays flat while keys are pressed: the real CLI in a pseudo-terminal on a 20-secret
// vault, 600 moves (j and k in turn, each waiting for its frame) from the loaded list. Before
// kvx grew its heap for size, V8's default growth let RSS rise ~55 MiB over the first 400 such
// keys with the live heap flat (measured: +52 MiB without, +12 MiB with).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rssMiB, startPty } from '../../bench/support/pty.js';
import { startEmulator } from '../../src/emulator/index.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';
import { e2eSkip, root } from './support/tmux-session.js';

const noScript = spawnSync('script', ['--version']).status === 0 ? false : 'util-linux script is not installed';

test('600 keypresses on a 20-secret vault leave RSS where it was (within 30 MiB)', { skip: e2eSkip || noScript, timeout: 240_000 }, async () => {
  const emulator = await startEmulator({ vaults: ['memory-vault'], tlsCacheDir: TEST_TLS_CACHE });
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-memory-'));
  const pty = (() => {
    const secrets = emulator.vault('memory-vault').store(SECRETS);
    for (let i = 0; i < 20; i++) secrets.create(`memory-secret-${String(i).padStart(2, '0')}`, { payload: { value: 'v' } });
    writeFileSync(path.join(home, 'ca.pem'), emulator.caPem);
    return startPty(`exec ${JSON.stringify(process.execPath)} bin/kvx.js --ca-file ${JSON.stringify(path.join(home, 'ca.pem'))} ${emulator.vaults[0].url}`, {
      cwd: root,
      env: { ...emulator.identity.appServiceEnv, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') },
    });
  })();
  try {
    await pty.waitFor('20 items ·', 60_000);
    await pty.settle(300);
    const before = rssMiB(pty.pid());
    // j and k in turn: each moves the cursor, so each draws a frame to wait for.
    for (let i = 0; i < 600; i++) await pty.press(i % 2 === 0 ? 'j' : 'k', 5);
    await pty.settle(300);
    const after = rssMiB(pty.pid());
    assert.ok(after - before < 30, `RSS went from ${before.toFixed(0)} to ${after.toFixed(0)} MiB`);
  } finally {
    await pty.close();
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
