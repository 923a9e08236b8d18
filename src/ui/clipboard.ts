// Copying: OSC 52 to the terminal first (it reaches the user's own clipboard through SSH and,
// wrapped, through tmux and screen), and also the local clipboard when this machine has one
// (wl-copy, xclip, xsel, pbcopy found on PATH; never required). The text goes to the tool on
// its stdin, never on its command line, and is never logged.
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
  /** Always true: the sequence was written to the terminal. */
  osc52: boolean;
  multiplexer: Multiplexer;
  /** The local tool that also got the text, when there is one and it succeeded. */
  local?: string;
}

export interface ClipboardDeps {
  env: NodeJS.ProcessEnv;
  /** Writes raw bytes to the terminal (the sequence moves no cursor and prints nothing). */
  writeTerminal: (data: string) => void;
  platform?: NodeJS.Platform;
  /** Off in tests that must not touch this machine's clipboard. */
  useLocal?: boolean;
}

function runTool(tool: LocalClipboardTool, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(tool.file ?? tool.command, tool.args, { stdio: ['pipe', 'ignore', 'ignore'] });
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

export async function copyText(text: string, deps: ClipboardDeps): Promise<CopyResult> {
  const multiplexer = detectMultiplexer(deps.env);
  deps.writeTerminal(clipboardSequence(text, multiplexer));
  const result: CopyResult = { osc52: true, multiplexer };
  if (deps.useLocal !== false) {
    const tool = findLocalClipboard(deps.env, deps.platform);
    if (tool && (await runTool(tool, text))) result.local = tool.command;
  }
  return result;
}

/** Empties the clipboard the same ways it was filled. */
export function clearClipboard(deps: ClipboardDeps): Promise<CopyResult> {
  return copyText('', deps);
}
