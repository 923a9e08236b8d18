import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { clearClipboard, copyText, findLocalClipboard } from '../../src/ui/clipboard.js';
import { osc52, wrapForTmux } from '../../src/ui/osc52.js';

describe('copying', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kvx-clip-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes OSC 52 to the terminal, wrapped inside tmux, without a local clipboard', async () => {
    const written: string[] = [];
    const result = await copyText('value', { env: { TMUX: 'x', PATH: '' }, writeTerminal: (d) => written.push(d), platform: 'linux' });
    assert.deepEqual(written, [wrapForTmux(osc52('value'))]);
    assert.equal(result.multiplexer, 'tmux');
    assert.equal(result.local, undefined);
  });

  it('also feeds a local clipboard tool on PATH through its stdin, never its arguments', async () => {
    // A stand-in xclip that records its arguments and stdin.
    const tool = path.join(dir, 'xclip');
    const out = path.join(dir, 'got');
    writeFileSync(tool, `#!/bin/sh\necho "$@" > ${out}.args\ncat > ${out}\n`);
    chmodSync(tool, 0o755);
    const env = { DISPLAY: ':0', PATH: dir };
    assert.equal(findLocalClipboard(env, 'linux')?.command, 'xclip');
    const result = await copyText('top-secret', { env, writeTerminal: () => undefined, platform: 'linux' });
    assert.equal(result.local, 'xclip');
    const { waitFor } = await import('../emulator/support/emulator-harness.js');
    await waitFor(() => {
      try {
        return readFileSync(out, 'utf8') === 'top-secret';
      } catch {
        return false;
      }
    }, 'the tool to get the text');
    assert.equal(readFileSync(`${out}.args`, 'utf8').trim(), '-selection clipboard');
  });

  it('clears with an empty payload', async () => {
    const written: string[] = [];
    await clearClipboard({ env: {}, writeTerminal: (d) => written.push(d), useLocal: false });
    assert.deepEqual(written, [osc52('')]);
  });

  it('finds no local clipboard without a display', () => {
    assert.equal(findLocalClipboard({ PATH: dir }, 'linux'), undefined);
  });
});
