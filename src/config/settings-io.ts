// How settings reach files (the config file, --ca-file), so tests can give their own, and the
// UsageErrors that name the field when a file cannot be read.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { UsageError } from './flags.js';

export interface SettingsIo {
  /** File contents, or undefined when the file does not exist; other failures throw. */
  readFile(file: string): string | undefined;
  homeDir(): string;
}

export const nodeIo: SettingsIo = {
  readFile(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  homeDir: () => homedir(),
};

/** Reads a file for `field`; a directory or an unreadable file is a UsageError, not a crash. */
export function readForField(io: SettingsIo, file: string, field: string): string | undefined {
  try {
    return io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`${field}: ${file} is a directory; give the path of a file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${field}: ${file} cannot be read (permission denied)`);
    if (code === 'ENOTDIR') throw new UsageError(`${field}: ${file} is not a path to a file (a part of it is not a directory)`);
    throw new UsageError(`${field}: ${file} cannot be read (${code ?? (error as Error).message})`);
  }
}
