import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { TMUX_BUFFER, clearClipboard, copyText, describeCopy, findLocalClipboard } from '../../src/ui/clipboard.js';
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

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe('copying inside tmux', { skip: hasTmux ? false : 'tmux is not installed' }, () => {
  const socket = `kvx-clip-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  let env: NodeJS.ProcessEnv = {};
  after(() => spawnSync('tmux', ['-L', socket, 'kill-server']));

  it('uses tmux load-buffer -w (no OSC 52 passthrough, which tmux drops by default) and says so', async () => {
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'clip', 'sh');
    // What a process inside that tmux sees: TMUX names the server's socket.
    env = { PATH: process.env.PATH, TMUX: `${tmux('display-message', '-p', '#{socket_path}').trim()},1,0` };
    const written: string[] = [];
    const result = await copyText('tmux-value', { env, writeTerminal: (d) => written.push(d), useLocal: false });
    assert.equal(tmux('show-buffer', '-b', TMUX_BUFFER), 'tmux-value');
    assert.deepEqual(result.tmux, { buffer: true, forwarded: true, setClipboard: 'external' });
    assert.deepEqual(written, [], 'no passthrough sequence');
    assert.match(describeCopy('the value of secret x', result), /^copied the value of secret x into tmux; tmux passes it on to your terminal \(set-clipboard external\)/);
  });

  it('with set-clipboard off it says the copy stays in tmux and how to pass it on', async () => {
    tmux('set-option', '-g', 'set-clipboard', 'off');
    const result = await copyText('v2', { env, writeTerminal: () => undefined, useLocal: false });
    assert.match(describeCopy('the id of key k', result), /into tmux's buffer only · tmux set -g set-clipboard on/);
  });

  it('clearing leaves nothing of the value in tmux', async () => {
    await copyText('to-clear', { env, writeTerminal: () => undefined, useLocal: false });
    await clearClipboard({ env, writeTerminal: () => undefined, useLocal: false });
    assert.ok(!tmux('list-buffers').includes('to-clear'));
    assert.equal(spawnSync('tmux', ['-L', socket, 'show-buffer', '-b', TMUX_BUFFER]).status, 1, 'kvx buffer deleted');
  });

  it('without a tmux to run, the OSC 52 passthrough is all there is, and the status says what it needs', async () => {
    const result = await copyText('x', { env: { TMUX: 'x', PATH: '' }, writeTerminal: () => undefined, useLocal: false });
    assert.match(describeCopy('the URI of secret s', result), /^sent the URI of secret s by OSC 52 through tmux · arrives only with tmux set -g allow-passthrough on/);
  });
});

describe('what the status says outside tmux', () => {
  it('never claims a copy it cannot check: OSC 52 is "sent", with how to enable it', () => {
    assert.equal(
      describeCopy('the value of secret s', { osc52: true, multiplexer: 'none' }, ' (cleared in 30s)'),
      'sent the value of secret s by OSC 52 (cleared in 30s) · not there? allow clipboard access (OSC 52) in your terminal',
    );
    assert.match(describeCopy('the id of key k', { osc52: true, multiplexer: 'none', local: 'xclip' }), /^copied the id of key k with xclip/);
  });
});
