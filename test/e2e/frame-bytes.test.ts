// Over a slow SSH link every byte of a frame is felt: a key that changes two lines of the
// screen writes those lines, not the whole 80×24 screen again (~2,100 bytes before).
// The real CLI in a pseudo-terminal; bytes are counted, not timed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startPty } from '../../bench/support/pty.js';
import { startEmulator } from '../../src/emulator/index.js';
import { SECRETS } from '../../src/emulator/secrets/secret-collection.js';
import { TEST_TLS_CACHE } from '../emulator/support/emulator-harness.js';
import { e2eSkip, root } from './support/tmux-session.js';

const noScript = spawnSync('script', ['--version']).status === 0 ? false : 'util-linux script is not installed';

test('a cursor move writes only the lines it changed, not the whole screen', { skip: e2eSkip || noScript, timeout: 120_000 }, async () => {
  const emulator = await startEmulator({ vaults: ['bytes-vault'], tlsCacheDir: TEST_TLS_CACHE });
  const home = mkdtempSync(path.join(tmpdir(), 'kvx-bytes-'));
  const secrets = emulator.vault('bytes-vault').store(SECRETS);
  for (let i = 0; i < 30; i++) secrets.create(`bytes-secret-${String(i).padStart(2, '0')}`, { payload: { value: 'v' } });
  writeFileSync(path.join(home, 'ca.pem'), emulator.caPem);
  const pty = startPty(`exec ${JSON.stringify(process.execPath)} bin/kvx.js --ca-file ${JSON.stringify(path.join(home, 'ca.pem'))} ${emulator.vaults[0].url}`, {
    cwd: root,
    env: { ...emulator.identity.appServiceEnv, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  try {
    await pty.waitFor('30 items ·', 60_000);
    await pty.settle(300);
    const full = pty.output().length;
    for (let i = 1; i <= 5; i++) {
      const before = pty.output().length;
      await pty.press('j');
      const frame = pty.output().slice(before);
      assert.ok(frame.includes(`bytes-secret-${String(i).padStart(2, '0')}`), `the frame redraws the row the cursor moved to: ${JSON.stringify(frame)}`);
      assert.ok(frame.length < 700, `a cursor move wrote ${frame.length} bytes (the first screen took ${full})`);
    }
  } finally {
    await pty.close();
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
