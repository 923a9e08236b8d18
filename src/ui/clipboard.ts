// Copying, and saying truly what happened. Inside tmux, `tmux load-buffer -w -` (tmux ≥ 3.2)
// fills tmux's buffer and, through tmux's own set-clipboard, the user's terminal clipboard —
// OSC 52 passthrough needs `allow-passthrough on`, which is off by default. Elsewhere OSC 52 to
// the terminal (it reaches the user's own clipboard through SSH), which kvx cannot confirm.
// Also the local clipboard when this machine has one (wl-copy, xclip, xsel, pbcopy found on
// PATH). The text goes to a tool on its stdin, never on its command line, and is never logged.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Multiplexer } from './osc52.js';
import { clipboardSequence, detectMultiplexer } from './osc52.js';

export interface LocalClipboardTool {
  command: string;
  args: string[];
  /** Where it was found on PATH. */
  file?: string;
}

function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The local clipboard tool to use, if the session has a display and the tool is installed. */
export function findLocalClipboard(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): LocalClipboardTool | undefined {
  const candidates: LocalClipboardTool[] = [];
  if (platform === 'darwin') candidates.push({ command: 'pbcopy', args: [] });
  if (env.WAYLAND_DISPLAY) candidates.push({ command: 'wl-copy', args: [] });
  if (env.DISPLAY) candidates.push({ command: 'xclip', args: ['-selection', 'clipboard'] }, { command: 'xsel', args: ['--clipboard', '--input'] });
  for (const candidate of candidates) {
    const file = onPath(candidate.command, env);
    if (file) return { ...candidate, file };
  }
  return undefined;
}

export interface CopyResult {
  /** The OSC 52 sequence was written to the terminal (kvx cannot know whether the terminal took it). */
  osc52: boolean;
  multiplexer: Multiplexer;
  /** The local tool that also got the text, when there is one and it succeeded. */
  local?: string;
  /** Inside tmux: what `tmux load-buffer` did. */
  tmux?: TmuxCopy;
}

export interface TmuxCopy {
  /** tmux took the text into its buffer `kvx`. */
  buffer: boolean;
  /** tmux was asked to pass it on to the terminal's clipboard (`-w`, tmux ≥ 3.2). */
  forwarded: boolean;
  /** tmux's set-clipboard option (`on`, `external`, `off`), when it could be read. */
  setClipboard?: string;
}

/** The tmux paste buffer kvx uses, so clearing removes exactly what kvx put there. */
export const TMUX_BUFFER = 'kvx';

export interface ClipboardDeps {
  env: NodeJS.ProcessEnv;
  /** Writes raw bytes to the terminal (the sequence moves no cursor and prints nothing). */
  writeTerminal: (data: string) => void;
  platform?: NodeJS.Platform;
  /** Off in tests that must not touch this machine's clipboard. */
  useLocal?: boolean;
}

function runTool(tool: LocalClipboardTool, text: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(tool.file ?? tool.command, tool.args, { stdio: ['pipe', 'ignore', 'ignore'], ...(env ? { env } : {}) });
    const timer = setTimeout(() => {
      child.kill();
      resolve(false);
    }, 2000);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    // xclip stays alive to serve the selection; a started tool that took stdin is a success.
    child.stdin.on('error', () => undefined);
    child.stdin.end(text, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Runs tmux (found on PATH) with `args`, `text` on stdin; resolves with its exit and stdout. */
function runTmux(env: NodeJS.ProcessEnv, args: string[], text = ''): Promise<{ ok: boolean; out: string }> {
  const file = onPath('tmux', env);
  if (!file) return Promise.resolve({ ok: false, out: '' });
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'ignore'], env });
    let out = '';
    const timer = setTimeout(() => child.kill(), 2000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ ok: false, out });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, out });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

/** Inside tmux: the text into tmux's buffer and on to the terminal's clipboard (`-w`), or the buffer alone on an older tmux. */
async function copyIntoTmux(text: string, env: NodeJS.ProcessEnv): Promise<TmuxCopy> {
  const forwarded = await runTmux(env, ['load-buffer', '-b', TMUX_BUFFER, '-w', '-'], text);
  const buffer = forwarded.ok || (await runTmux(env, ['load-buffer', '-b', TMUX_BUFFER, '-'], text)).ok;
  const out: TmuxCopy = { buffer, forwarded: forwarded.ok };
  if (buffer) {
    const option = await runTmux(env, ['show-options', '-gv', 'set-clipboard']);
    if (option.ok && option.out.trim()) out.setClipboard = option.out.trim();
  }
  return out;
}

export async function copyText(text: string, deps: ClipboardDeps): Promise<CopyResult> {
  const multiplexer = detectMultiplexer(deps.env);
  const result: CopyResult = { osc52: false, multiplexer };
  if (multiplexer === 'tmux') result.tmux = await copyIntoTmux(text, deps.env);
  // tmux forwards its buffer itself; the passthrough would arrive twice (or, by default, not at all).
  if (!result.tmux?.forwarded) {
    deps.writeTerminal(clipboardSequence(text, multiplexer));
    result.osc52 = true;
  }
  if (deps.useLocal !== false) {
    const tool = findLocalClipboard(deps.env, deps.platform);
    if (tool && (await runTool(tool, text))) result.local = tool.command;
  }
  return result;
}

/**
 * Empties the clipboard the same ways it was filled. tmux ignores an empty buffer, so its
 * clipboard gets one space, and kvx's buffer is then deleted from tmux's list.
 */
export async function clearClipboard(deps: ClipboardDeps): Promise<CopyResult> {
  if (detectMultiplexer(deps.env) !== 'tmux') return copyText('', deps);
  const result = await copyText(' ', deps);
  if (result.tmux?.buffer) await runTmux(deps.env, ['delete-buffer', '-b', TMUX_BUFFER]);
  return result;
}

/**
 * What a copy did, for the status line: what is known to have worked, what was only sent
 * (OSC 52 cannot be confirmed) and how to make it work. Never the copied text.
 */
export function describeCopy(what: string, result: CopyResult, note = ''): string {
  const local = result.local ? ` and ${result.local}` : '';
  const tmux = result.tmux;
  if (tmux?.buffer && tmux.forwarded) {
    return tmux.setClipboard === 'off'
      ? `copied ${what} into tmux's buffer${local} only${note} · tmux set -g set-clipboard on passes it to your terminal`
      : `copied ${what} into tmux${local}${note}; tmux passes it on to your terminal (set-clipboard ${tmux.setClipboard ?? 'on'})`;
  }
  if (tmux?.buffer) return `copied ${what} into tmux's buffer${local} only${note} · tmux 3.2+ or allow-passthrough on reach your clipboard`;
  if (result.multiplexer === 'tmux') return `sent ${what} by OSC 52 through tmux${local}${note} · arrives only with tmux set -g allow-passthrough on`;
  if (result.local) return `copied ${what} with ${result.local}${note}; also sent by OSC 52`;
  const through = result.multiplexer === 'screen' ? ' through screen' : '';
  return `sent ${what} by OSC 52${through}${note} · not there? allow clipboard access (OSC 52) in your terminal`;
}
