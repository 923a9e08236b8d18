// With EDITOR unset kvx runs vi; where vi is vim, it must keep no copy of the value: no
// ~/.viminfo (history, registers), no swap, backup or undo file. Runs the built kvx in tmux
// with HOME set to a fresh dir and edits a value in the real vim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { e2eSkip, runKvx, startTmux } from './support/tmux-session.js';

const vim = spawnSync('sh', ['-c', 'vi --version'], { encoding: 'utf8' });
const viIsVim = vim.status === 0 && /VIM - Vi IMproved/.test(vim.stdout);

test('built kvx: vi (vim) edits a value and leaves no viminfo, swap, backup or undo file', { skip: e2eSkip || (!viIsVim ? 'vi is not vim here' : false) }, async () => {
  const t = await startTmux('editor-vim', { width: 100, height: 30 });
  try {
    const home = path.join(t.home, 'home');
    const runtime = path.join(t.home, 'runtime');
    mkdirSync(home);
    mkdirSync(runtime, { mode: 0o700 });
    runKvx(t, '--demo', [`HOME=${home}`, 'EDITOR=', 'VISUAL=', `XDG_RUNTIME_DIR=${runtime}`, 'VIMINIT=']);
    await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets'), 'secrets list');
    t.keys('n');
    await t.waitForScreen((s) => s.includes('New secret'), 'new secret form');
    t.type('vim-edited');
    t.keys('Tab');
    t.type('old-s3cret');
    t.keys('C-e');
    await t.waitForScreen((s) => s.includes('old-s3cret') && s.includes('value.txt'), 'vim with the value');
    // Change the value with a substitution (vim would keep the pattern, i.e. the secret, in
    // ~/.viminfo's history, and the change in an undo file), then save. Keys sent while vim still
    // settles its terminal can be dropped: the command is sent again until the change shows.
    for (let attempt = 1; ; attempt++) {
      t.type(':%s/old-s3cret/new-longer-s3cret/');
      t.keys('Enter');
      try {
        await t.waitForScreen((s) => s.split('\n')[0].startsWith('new-longer-s3cret'), 'the change in vim', 10_000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    // :wq once: vim has just answered the substitution, so it is settled and reads it. Sent
    // again after a timeout, it raced vim's exit on a loaded machine and landed in kvx's form
    // (Esc asked to discard, and the keys after it answered).
    t.keys('Escape');
    t.type(':wq');
    t.keys('Enter');
    await t.waitForScreen((s) => s.includes('New secret') && s.includes('(17 bytes)'), 'the form with the edited value', 60_000);
    assert.deepEqual(readdirSync(home), [], 'vim wrote nothing into HOME (no .viminfo)');
    assert.deepEqual(readdirSync(runtime), [], 'no swap, backup or undo file beside the value, and the value file is gone');
    // The form was changed: Esc asks before discarding it.
    t.keys('Escape');
    await t.waitForScreen((s) => s.includes('Discard what you changed?'), 'discard question');
    t.keys('y');
    await t.waitForScreen((s) => !s.includes('New secret'), 'the form closed');
    t.keys('q');
    await t.waitForScreen((s) => /KVX-EXIT=\d/.test(s), 'exit');
  } finally {
    t.close();
  }
});
