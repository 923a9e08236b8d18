// The built kvx in tmux with $EDITOR open on a new secret's value: killing the pane (what a
// dropped SSH session does) must leave no value on disk and no editor running. The stand-in
// editor records its pid and file, then waits; the value file lands in XDG_RUNTIME_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TmuxSession } from './support/tmux-session.js';
import { e2eSkip, runKvx, startTmux } from './support/tmux-session.js';
import { alive, until } from '../helpers/process-wait.js';

/** Starts the built kvx --demo in `t` and opens the stand-in editor on a new secret's value. */
async function openEditor(t: TmuxSession): Promise<{ runtime: string; editorPid: number; file: string }> {
  const runtime = path.join(t.home, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  const editor = path.join(t.home, 'stand-in-editor');
  writeFileSync(editor, `#!/bin/sh\necho $$ > ${JSON.stringify(path.join(t.home, 'editor.pid'))}\nprintf %s "$1" > ${JSON.stringify(path.join(t.home, 'editor.file.part'))}\nmv ${JSON.stringify(path.join(t.home, 'editor.file.part'))} ${JSON.stringify(path.join(t.home, 'editor.file'))}\nexec sleep 600\n`);
  chmodSync(editor, 0o755);
  runKvx(t, '--demo', [`EDITOR=${editor}`, 'VISUAL=', `XDG_RUNTIME_DIR=${runtime}`]);
  await t.waitForScreen((s) => s.includes('contoso-prod ▸ secrets'), 'secrets list');
  t.keys('n');
  await t.waitForScreen((s) => s.includes('New secret'), 'new secret form');
  t.type('edited-in-editor');
  t.keys('Tab');
  t.type('s3cret-typed-value');
  t.keys('C-e');
  await until(() => existsSync(path.join(t.home, 'editor.file')), 'the editor to start');
  const editorPid = Number(readFileSync(path.join(t.home, 'editor.pid'), 'utf8'));
  const file = readFileSync(path.join(t.home, 'editor.file'), 'utf8');
  assert.ok(file.startsWith(runtime + path.sep), `the value file is on XDG_RUNTIME_DIR: ${file}`);
  assert.equal(readFileSync(file, 'utf8'), 's3cret-typed-value');
  return { runtime, editorPid, file };
}

test('built kvx: killing the tmux pane while $EDITOR holds a value leaves no file and no editor', { skip: e2eSkip }, async () => {
  const t = await startTmux('editor-hup', { width: 100, height: 30 });
  let editorPid = 0;
  try {
    const opened = await openEditor(t);
    editorPid = opened.editorPid;
    const { runtime } = opened;
    execFileSync('tmux', ['-L', t.socket, 'kill-pane', '-t', 'kvx']);
    await until(() => readdirSync(runtime).length === 0, 'the kvx-edit dir to be removed');
    await until(() => !alive(editorPid), 'the editor to stop');
  } finally {
    if (editorPid && alive(editorPid)) process.kill(editorPid, 'SIGKILL');
    t.close();
  }
});

test('built kvx: SIGTERM while $EDITOR holds a value removes it, stops the editor, exits and gives the terminal back', { skip: e2eSkip }, async () => {
  const t = await startTmux('editor-term', { width: 100, height: 30 });
  let editorPid = 0;
  try {
    const opened = await openEditor(t);
    editorPid = opened.editorPid;
    const kvxPid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(t.panePid())], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
    assert.ok(kvxPid > 0 && kvxPid !== editorPid);
    process.kill(kvxPid, 'SIGTERM');
    const after = await t.waitForScreen((s) => /KVX-EXIT=\d+/.test(s), 'kvx to exit');
    assert.match(after, /KVX-EXIT=143/, 'kvx died of SIGTERM');
    assert.ok(after.includes('BEFORE-KVX'), 'the previous screen is back');
    assert.deepEqual(readdirSync(opened.runtime), [], 'the value file and its dir are gone');
    await until(() => !alive(editorPid), 'the editor to stop');
  } finally {
    if (editorPid && alive(editorPid)) process.kill(editorPid, 'SIGKILL');
    t.close();
  }
});
