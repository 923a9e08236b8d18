// Which editor runs for Ctrl-E, and the options that keep it from keeping the value: vim and
// nvim write history (~/.viminfo, shada), swap, undo and backup files that would hold the
// secret long after kvx removed its own copy; nano keeps no backup or history in restricted
// mode. Other editors run as given (the README says which ones kvx knows how to keep quiet).
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';

/** The editor command line: $VISUAL, then $EDITOR, then vi. It may carry arguments ("code -w"). */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

/** vi, vim, vim.basic, nvim, view, gvim…: names that are vim or nvim. */
const VIM_NAMES = /^(vim?|vim\.[a-z0-9]+|nvim|view|gvim|rvim)$/;
/** Programs installed as `vi` that are not vim and do not take vim's options. */
const NOT_VIM = /^(busybox|toybox|nvi|elvis|vile|levee|ex)$/;

const VIM_QUIET = ['-n', '-i', 'NONE', '--cmd', 'set nobackup nowritebackup', '--cmd', 'silent! set noundofile'];
const NANO_QUIET = ['--restricted'];

/** The program a command's first word runs: its real path (symlinks followed), or undefined. */
export function resolveProgram(word: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = word.includes('/') ? [word] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, word));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return realpathSync(file);
    } catch {
      // not here; try the next PATH entry
    }
  }
  return undefined;
}

export type QuietEditor = 'vim' | 'nano';

/** Which editor family the command is, if kvx knows how to keep it quiet. */
export function quietEditor(command: string, env: NodeJS.ProcessEnv, resolve = resolveProgram): QuietEditor | undefined {
  const first = command.split(/\s+/)[0] ?? '';
  const typed = path.basename(first);
  const real = resolve(first, env);
  const realName = real === undefined ? typed : path.basename(real);
  if (VIM_NAMES.test(typed) && !NOT_VIM.test(realName)) return 'vim';
  if (VIM_NAMES.test(realName) && !NOT_VIM.test(realName)) return 'vim';
  if (typed === 'nano' || realName === 'nano') return 'nano';
  return undefined;
}

/** Options to add after the user's own arguments, before the file. */
export function quietOptions(command: string, env: NodeJS.ProcessEnv, resolve = resolveProgram): string[] {
  const family = quietEditor(command, env, resolve);
  return family === 'vim' ? [...VIM_QUIET] : family === 'nano' ? [...NANO_QUIET] : [];
}

/** Quotes one argument for /bin/sh. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
