// While $EDITOR has a secret value open, kvx may die: the pane is killed or the SSH session
// drops (SIGHUP), someone sends SIGTERM. `finally` does not run then, so the temp dir and the
// editor are tracked here and removed/stopped from signal handlers and the process 'exit'
// hook. ^C and ^\ go to the whole foreground process group; while the editor runs they are
// the editor's keys (vim uses ^C to leave insert mode), so kvx ignores them, as git does.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

interface ActiveEdit {
  dir: string;
  child?: ChildProcess;
}

const active = new Set<ActiveEdit>();
const TERMINATING = ['SIGHUP', 'SIGTERM'] as const;
const EDITOR_KEYS = ['SIGINT', 'SIGQUIT'] as const;

function stopAndRemove(edit: ActiveEdit): void {
  const child = edit.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(edit.dir, { recursive: true, force: true });
}

function cleanupAll(): void {
  for (const edit of active) stopAndRemove(edit);
  active.clear();
  uninstall();
}

function onTerminate(signal: NodeJS.Signals): void {
  cleanupAll();
  // Die of the same signal: Ink's own handler (if any) restores the terminal on the way out.
  process.kill(process.pid, signal);
}

function ignore(): void {}

/** How long the signal handlers outlive the last edit (see finish()). */
const LINGER_MS = 500;

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of TERMINATING) process.on(signal, onTerminate);
  for (const signal of EDITOR_KEYS) process.on(signal, ignore);
  process.on('exit', cleanupAll);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of TERMINATING) process.off(signal, onTerminate);
  for (const signal of EDITOR_KEYS) process.off(signal, ignore);
  process.off('exit', cleanupAll);
}

export interface TrackedEdit {
  /** The editor process, stopped if kvx dies while it runs. */
  setChild(child: ChildProcess): void;
  /** Removes the dir now and stops tracking it. */
  finish(): void;
}

/** Tracks a temp dir holding a value until `finish()`; from now on every exit path removes it. */
export function trackEdit(dir: string): TrackedEdit {
  const edit: ActiveEdit = { dir };
  active.add(edit);
  install();
  return {
    setChild(child) {
      edit.child = child;
    },
    finish() {
      active.delete(edit);
      rmSync(dir, { recursive: true, force: true });
      // A hangup reaches the whole process group at once: the editor may die of it, and its
      // exit be seen, before kvx's own SIGHUP is. Removing the handler now would drop that
      // signal (Node discards one with no listener) and leave kvx running on a dead terminal.
      // So the handlers stay a moment longer, and that moment keeps the process alive so the
      // signal is read even when nothing else would (kvx exits explicitly, so quitting does
      // not wait for it); dying then has nothing left to remove.
      if (active.size === 0) setTimeout(() => active.size === 0 && uninstall(), LINGER_MS);
    },
  };
}
