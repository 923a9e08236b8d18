// Editing a value in $EDITOR: the text goes into a 0600 file inside a private temp dir
// (mkdtemp, 0700), the editor runs on the terminal, and the dir is removed afterwards — also
// when the editor fails. The text is never logged; an error message never contains it.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EditTextOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the private dir is made (tests); the OS temp dir by default. */
  tempRoot?: string;
}

/** The editor command line: $VISUAL, then $EDITOR, then vi. It may carry arguments ("code -w"). */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return (env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi');
}

function runEditor(command: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // Through the shell, so "code -w" or a path with arguments works; the file is passed as
    // "$1", never spliced into the command text.
    const child = spawn('/bin/sh', ['-c', `${command} "$1"`, 'kvx-editor', file], { stdio: 'inherit', env });
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
  const dir = await mkdtemp(path.join(options.tempRoot ?? tmpdir(), 'kvx-edit-'));
  try {
    await chmod(dir, 0o700);
    const file = path.join(dir, 'value.txt');
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    await runEditor(editorCommand(env), file, env);
    const saved = await readFile(file, 'utf8');
    return saved.endsWith('\r\n') ? saved.slice(0, -2) : saved.endsWith('\n') ? saved.slice(0, -1) : saved;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
