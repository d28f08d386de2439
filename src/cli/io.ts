/**
 * Everything the command line does to the outside world goes through this
 * object, so tests run commands in-process and inspect what they printed.
 */
import { promises as fs } from 'node:fs';
import type { Severity } from '../core/schemas';
import type { ValidationReport } from './jsonReport';
import {
  fileErrorMessage,
  prepareOutput,
  readInputFile,
  type OutputOptions,
  type OutputTarget,
} from './files';

export { CliError, EXIT } from './errors';
export { fileErrorMessage } from './files';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A whole input file, within the size the command line reads; throws CliError with a Swedish message. */
  readFile(path: string): Promise<Uint8Array>;
  /** Checks an output path and reserves it; the bytes are written in one step with `commit`. */
  prepareOutput(path: string, options: OutputOptions): Promise<OutputTarget>;
  exists(path: string): Promise<boolean>;
  /** Regular files of a folder (not recursive), by name; other entries are listed with their kind. */
  listDir(path: string): Promise<DirEntry[]>;
  /** True once the reader of standard output has gone (`| head -1`): commands may stop early. */
  outputClosed?(): boolean;
  /**
   * Checks workbooks the way `validera` does, several at a time and each in
   * its own memory-limited worker (the real process provides it); without
   * it the files are checked here, one after the other.
   */
  validateFiles?: FileValidator;
}

export interface DirEntry {
  name: string;
  kind: 'file' | 'folder' | 'other';
}

/**
 * One workbook of a batch check: its whole report (for --json), only its
 * findings counted (the summary lines need no more), or why it could not be
 * read.
 */
export type FileResult =
  | { file: string; report: ValidationReport }
  | { file: string; counts: FindingCounts }
  | { file: string; error: string };

export type FindingCounts = Record<Severity, number>;

export type FileValidator = (
  files: readonly string[],
  onResult: (r: FileResult) => boolean | void,
  /** Count the findings instead of building each report. */
  options: { summary: boolean },
) => Promise<void>;

export function nodeIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readInputFile(path),
    prepareOutput,
    listDir: async (path) => {
      const entries = await fs.readdir(path, { withFileTypes: true });
      const out: DirEntry[] = [];
      for (const e of entries) {
        let kind: DirEntry['kind'] = e.isFile() ? 'file' : e.isDirectory() ? 'folder' : 'other';
        if (e.isSymbolicLink()) {
          const st = await fs.stat(`${path}/${e.name}`).catch(() => undefined);
          kind = st?.isFile() ? 'file' : st?.isDirectory() ? 'folder' : 'other';
        }
        out.push({ name: e.name, kind });
      }
      return out;
    },
    exists: async (path) => {
      try {
        await fs.lstat(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A folder that cannot be listed, in Swedish. */
export function folderErrorMessage(e: unknown, path: string): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `Mappen finns inte: ${path}`;
  if (code === 'ENOTDIR') return `Sökvägen är ingen mapp: ${path}`;
  if (code === 'EACCES' || code === 'EPERM') return `Behörighet saknas för att läsa mappen: ${path}`;
  return fileErrorMessage(e, path, 'read').replace('Filen', 'Mappen');
}
