// Writes the pinned and recently opened vaults into the config file, keeping every other
// field as it is. A config file that is not a JSON object is never overwritten (the user's
// text wins); the write goes through a temporary file and a rename, so a crash leaves the old
// file whole.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RememberedVaults {
  pinned: readonly string[];
  recent: readonly string[];
}

/** Returns false (and writes nothing) when the existing file is not a JSON object, or the config directory's parent is missing. */
export function rememberVaults(file: string, lists: RememberedVaults): boolean {
  let config: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
    config = parsed as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
  }
  const next = { ...config, pinned: [...lists.pinned], recent: [...lists.recent] };
  // Creates kvx's own directory at most (~/.config/kvx), never the directories above it.
  try {
    mkdirSync(path.dirname(file), { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code !== 'EEXIST') throw error;
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return true;
}
