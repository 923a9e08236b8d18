import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editorCommand, quietEditor, quietOptions, shellQuote } from '../../src/ui/editor-command.js';
import { editTempRoot, editText } from '../../src/ui/edit-text.js';

const at = (real: string | undefined) => () => real;

test('$VISUAL, then $EDITOR, then vi', () => {
  assert.equal(editorCommand({ VISUAL: 'code -w', EDITOR: 'nano' }), 'code -w');
  assert.equal(editorCommand({ EDITOR: 'nano' }), 'nano');
  assert.equal(editorCommand({}), 'vi');
});

test('vi, vim and nvim are kept quiet; a vi that is busybox or nvi, and unknown editors, run as given', () => {
  assert.equal(quietEditor('vi', {}, at('/usr/bin/vim.basic')), 'vim');
  assert.equal(quietEditor('vi', {}, at(undefined)), 'vim');
  assert.equal(quietEditor('vim -u NONE', {}, at('/usr/bin/vim.gtk3')), 'vim');
  assert.equal(quietEditor('/opt/nvim/bin/nvim', {}, at('/opt/nvim/bin/nvim')), 'vim');
  assert.equal(quietEditor('editor', {}, at('/usr/bin/nvim')), 'vim', 'an alias that resolves to nvim');
  assert.equal(quietEditor('vi', {}, at('/bin/busybox')), undefined);
  assert.equal(quietEditor('vi', {}, at('/usr/bin/nvi')), undefined);
  assert.equal(quietEditor('nvi', {}, at(undefined)), undefined);
  assert.equal(quietEditor('vim.tiny', {}, at(undefined)), 'vim');
  assert.equal(quietEditor('nano', {}, at('/usr/bin/nano')), 'nano');
  assert.equal(quietEditor('code -w', {}, at('/usr/bin/code')), undefined);
  assert.equal(quietEditor('emacs -nw', {}, at('/usr/bin/emacs')), undefined);
  assert.deepEqual(quietOptions('vim', {}, at('/usr/bin/vim')), ['-n', '-i', 'NONE', '--cmd', 'set nobackup nowritebackup', '--cmd', 'silent! set noundofile']);
  assert.deepEqual(quietOptions('nano', {}, at('/usr/bin/nano')), ['--restricted']);
  assert.deepEqual(quietOptions('code -w', {}, at('/usr/bin/code')), []);
});

test('shell quoting keeps arguments whole', () => {
  assert.equal(shellQuote('-n'), '-n');
  assert.equal(shellQuote('set nobackup'), "'set nobackup'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

test('with EDITOR unset kvx runs vi with the options that keep no history, swap, undo or backup (a fake vi records them)', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'kvx-fake-vi-'));
  try {
    const bin = path.join(base, 'bin');
    mkdirSync(bin);
    const argsFile = path.join(base, 'args');
    writeFileSync(path.join(bin, 'vi'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > ${JSON.stringify(argsFile)}\nprintf edited > "$(eval echo \\$$#)"\n`);
    chmodSync(path.join(bin, 'vi'), 0o755);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: base };
    const saved = await editText('old', { env, tempRoot: base });
    assert.equal(saved, 'edited');
    const args = readFileSync(argsFile, 'utf8').trimEnd().split('\n');
    assert.deepEqual(args.slice(0, -1), ['-n', '-i', 'NONE', '--cmd', 'set nobackup nowritebackup', '--cmd', 'silent! set noundofile']);
    assert.match(args.at(-1)!, /kvx-edit-[^/]+\/value\.txt$/, 'the file comes last');
    // A vi that is a link to busybox gets no vim options.
    rmSync(path.join(bin, 'vi'));
    const busybox = path.join(bin, 'busybox');
    writeFileSync(busybox, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > ${JSON.stringify(argsFile)}\n`);
    chmodSync(busybox, 0o755);
    symlinkSync(busybox, path.join(bin, 'vi'));
    await editText('old', { env, tempRoot: base });
    assert.equal(readFileSync(argsFile, 'utf8').trimEnd().split('\n').length, 1, 'only the file');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('the value file goes on a memory file system: $XDG_RUNTIME_DIR, then /dev/shm, then the OS temp dir', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'kvx-temp-root-'));
  try {
    const runtime = path.join(base, 'run');
    const shm = path.join(base, 'shm');
    mkdirSync(runtime);
    mkdirSync(shm);
    assert.equal(editTempRoot({ XDG_RUNTIME_DIR: runtime }, shm), runtime);
    assert.equal(editTempRoot({ XDG_RUNTIME_DIR: path.join(base, 'missing') }, shm), shm);
    assert.equal(editTempRoot({ XDG_RUNTIME_DIR: 'relative' }, shm), shm);
    assert.equal(editTempRoot({}, path.join(base, 'no-shm')), tmpdir());
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('an editor command that starts with an environment assignment still runs', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'kvx-editor-assign-'));
  try {
    const script = path.join(base, 'editor.sh');
    writeFileSync(script, '#!/bin/sh\nprintf "%s" "$GREETING" > "$1"\n');
    chmodSync(script, 0o755);
    const saved = await editText('old', { env: { PATH: '/usr/bin:/bin', EDITOR: `GREETING=hello ${script}` }, tempRoot: base });
    assert.equal(saved, 'hello');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
