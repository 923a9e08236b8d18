// Writing a report (the expiry radar) to a file the user named: never over an existing file
// (nothing is lost), owner-readable only, and with a message that says what went wrong.
import { open } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to a new file at `file` (relative to the working directory); resolves with the absolute path. */
export async function writeReportFile(file: string, text: string, cwd = process.cwd()): Promise<string> {
  const target = path.resolve(cwd, file.startsWith('~/') ? path.join(process.env.HOME ?? '~', file.slice(2)) : file);
  let handle;
  try {
    // 'wx' fails when the file exists: a report never replaces anything.
    handle = await open(target, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${target} exists and was kept; choose another file name`, { cause: error });
    if (code === 'ENOENT') throw new Error(`cannot write ${target}: the folder ${path.dirname(target)} does not exist`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`cannot write ${target}: permission denied`, { cause: error });
    if (code === 'EISDIR') throw new Error(`${target} is a folder; name a file ending in .csv or .md`, { cause: error });
    throw new Error(`cannot write ${target}: ${code ?? String(error)}`, { cause: error });
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return target;
}
