// Editing a value in $EDITOR: the text goes into a 0600 file inside a private temp dir
// (mkdtemp, 0700) on a memory file system where there is one ($XDG_RUNTIME_DIR, /dev/shm), the
// editor runs on the terminal with options that keep it from saving copies (editor-command.ts),
// and the dir is removed afterwards — also when the editor fails, and when kvx itself is killed
// while the editor runs (edit-cleanup.ts). The text is never logged; an error message never
// contains it.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TrackedEdit } from './edit-cleanup.js';
import { trackEdit } from './edit-cleanup.js';
import { editorCommand, quietOptions, shellQuote } from './editor-command.js';

export { editorCommand } from './editor-command.js';

export interface EditTextOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the private dir is made (tests); by default a memory file system, else the OS temp dir. */
  tempRoot?: string;
}

function usableDir(dir: string | undefined): dir is string {
  if (!dir || !path.isAbsolute(dir)) return false;
  try {
    if (!statSync(dir).isDirectory()) return false;
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $XDG_RUNTIME_DIR (per-user tmpfs), then /dev/shm, then the OS temp dir: a value never lands on a disk where one can be avoided. */
export function editTempRoot(env: NodeJS.ProcessEnv, shm = '/dev/shm'): string {
  if (usableDir(env.XDG_RUNTIME_DIR)) return env.XDG_RUNTIME_DIR;
  if (usableDir(shm)) return shm;
  return tmpdir();
}

function runEditor(command: string, file: string, env: NodeJS.ProcessEnv, tracked: TrackedEdit): Promise<void> {
  return new Promise((resolve, reject) => {
    // Through the shell, so "code -w" or a path with arguments works; the file is passed as
    // "$1", never spliced into the command text. `exec` makes the editor the child itself,
    // so stopping the child stops the editor.
    const quiet = quietOptions(command, env).map(shellQuote).join(' ');
    // "EDITOR='FOO=1 vim'" cannot follow exec; such a command runs under the shell instead.
    const assignment = /^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(command);
    const script = `${assignment ? '' : 'exec '}${command}${quiet ? ` ${quiet}` : ''} "$1"`;
    const child = spawn('/bin/sh', ['-c', script, 'kvx-editor', file], { stdio: 'inherit', env });
    tracked.setChild(child);
    child.on('error', (error) => reject(new Error(`could not start the editor (${command}): ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the editor (${command}) ${signal ? `was stopped by ${signal}` : `exited with status ${code}`}; the value was left unchanged`));
    });
  });
}

/**
 * Opens `text` in the editor and resolves with what was saved (one trailing newline, which
 * editors add, is dropped). Rejects with a message free of the text when the editor fails.
 */
export async function editText(text: string, options: EditTextOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const dir = await mkdtemp(path.join(options.tempRoot ?? editTempRoot(env), 'kvx-edit-'));
  const tracked = trackEdit(dir);
  try {
    await chmod(dir, 0o700);
    const file = path.join(dir, 'value.txt');
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    await runEditor(editorCommand(env), file, env, tracked);
    const saved = await readFile(file, 'utf8');
    return saved.endsWith('\r\n') ? saved.slice(0, -2) : saved.endsWith('\n') ? saved.slice(0, -1) : saved;
  } finally {
    tracked.finish();
  }
}
