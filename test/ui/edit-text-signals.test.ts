// kvx killed while $EDITOR holds a secret value: every exit path removes the temp dir and stops
// the editor. The editor is a stand-in that records its pid and file, then waits; editText runs
// in a child process (fixtures/edit-in-child.ts) that the test signals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alive, until } from '../helpers/process-wait.js';

const fixture = fileURLToPath(new URL('./fixtures/edit-in-child.ts', import.meta.url));

interface Run {
  root: string;
  state: string;
  editorPid: number;
  file: string;
  childPid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
  cleanup(): void;
}

async function startEditing(mode: 'wait' | 'exit'): Promise<Run> {
  const base = mkdtempSync(path.join(tmpdir(), 'kvx-edit-signals-'));
  const root = path.join(base, 'root');
  const state = path.join(base, 'state');
  mkdirSync(root);
  mkdirSync(state);
  const editor = path.join(base, 'stand-in-editor');
  // editor.file appears whole (written aside, then renamed): the test waits for it to exist.
  writeFileSync(editor, '#!/bin/sh\necho $$ > "$KVX_TEST_STATE/editor.pid"\nprintf %s "$1" > "$KVX_TEST_STATE/editor.file.part"\nmv "$KVX_TEST_STATE/editor.file.part" "$KVX_TEST_STATE/editor.file"\nexec sleep 600\n');
  chmodSync(editor, 0o755);
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, root, mode], {
    env: { ...process.env, EDITOR: editor, VISUAL: '', KVX_TEST_STATE: state },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, like a terminal's foreground job: ^C and a hangup reach the group.
    detached: true,
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  await until(() => existsSync(path.join(state, 'editor.file')), 'the editor to start');
  const editorPid = Number(readFileSync(path.join(state, 'editor.pid'), 'utf8'));
  const file = readFileSync(path.join(state, 'editor.file'), 'utf8');
  assert.equal(readFileSync(file, 'utf8'), 's3cret-value-in-editor', 'the editor has the value');
  // In 'exit' mode the child exits once told to, after the check above, not when it sees the
  // editor start (it could then remove the file before the test has read it).
  writeFileSync(path.join(state, 'go'), '');
  return {
    root,
    state,
    editorPid,
    file,
    childPid: child.pid!,
    exited,
    cleanup() {
      if (alive(editorPid)) process.kill(editorPid, 'SIGKILL');
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(base, { recursive: true, force: true });
    },
  };
}

describe('kvx dies while $EDITOR holds a value', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    test(`${signal} to kvx removes the value's file and dir, stops the editor, and kvx dies of ${signal}`, async () => {
      const run = await startEditing('wait');
      try {
        process.kill(run.childPid, signal);
        const result = await run.exited;
        assert.equal(result.signal, signal);
        assert.ok(!existsSync(run.file), 'the value file is gone');
        assert.deepEqual(readdirSync(run.root), [], 'no kvx-edit-* dir is left');
        await until(() => !alive(run.editorPid), 'the editor to stop');
      } finally {
        run.cleanup();
      }
    });
  }

  test('a hangup of the whole terminal (pane killed, SSH dropped) leaves no file and no editor', async () => {
    const run = await startEditing('wait');
    try {
      process.kill(-run.childPid, 'SIGHUP');
      const result = await run.exited;
      assert.equal(result.signal, 'SIGHUP');
      assert.deepEqual(readdirSync(run.root), []);
      await until(() => !alive(run.editorPid), 'the editor to stop');
    } finally {
      run.cleanup();
    }
  });

  test('^C belongs to the editor: kvx survives it, and when the editor dies of it the value is removed and left unchanged', async () => {
    const run = await startEditing('wait');
    try {
      process.kill(-run.childPid, 'SIGINT');
      const result = await run.exited;
      assert.equal(result.code, 0, 'kvx did not die of ^C');
      assert.match(result.stdout, /rejected: the editor \(.*\) was stopped by SIGINT; the value was left unchanged/);
      assert.doesNotMatch(result.stdout, /s3cret/);
      assert.deepEqual(readdirSync(run.root), []);
      assert.ok(!alive(run.editorPid));
    } finally {
      run.cleanup();
    }
  });

  test('process.exit while the editor runs removes the value and stops the editor (the exit hook)', async () => {
    const run = await startEditing('exit');
    try {
      const result = await run.exited;
      assert.equal(result.code, 3);
      assert.deepEqual(readdirSync(run.root), []);
      await until(() => !alive(run.editorPid), 'the editor to stop');
    } finally {
      run.cleanup();
    }
  });
});
