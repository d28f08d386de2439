/**
 * Everything the command line does to the outside world goes through this
 * object, so tests run commands in-process and inspect what they printed.
 */
import { promises as fs } from 'node:fs';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Names of the entries of a folder (not recursive). */
  listDir(path: string): Promise<string[]>;
}

export function nodeIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: async (path) => new Uint8Array(await fs.readFile(path)),
    writeFile: (path, data) => fs.writeFile(path, data),
    listDir: (path) => fs.readdir(path),
    exists: async (path) => {
      try {
        await fs.stat(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A failure the user can act on: one Swedish line on stderr and an exit code. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = EXIT.UNUSABLE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const EXIT = {
  /** No finding with severity error. */
  OK: 0,
  /** At least one finding with severity error. */
  FINDINGS: 1,
  /** The input could not be used: missing or unreadable file, not .xlsx, unknown sheet, bad arguments. */
  UNUSABLE: 2,
} as const;

/** Turns a file system error into a Swedish sentence naming the file. */
export function fileErrorMessage(e: unknown, path: string, action: 'read' | 'write'): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? `Filen finns inte: ${path}` : `Mappen finns inte: ${path}`;
    case 'EISDIR':
      return `Sökvägen är en mapp, inte en fil: ${path}`;
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? `Behörighet saknas för att läsa filen: ${path}`
        : `Behörighet saknas för att skriva filen: ${path}`;
    case 'ENOTDIR':
      return `Sökvägen är ogiltig: ${path}`;
    case 'EBUSY':
      return `Filen är låst av ett annat program (är den öppen i Excel?): ${path}`;
    default:
      return action === 'read' ? `Filen kunde inte läsas: ${path}` : `Filen kunde inte skrivas: ${path}`;
  }
}
