/**
 * The command line's file handling, where the user's data is at stake:
 *  - inputs are read within a stated size, and only from regular files or
 *    streams that end (a device such as /dev/zero is refused, never read
 *    forever);
 *  - an output is never the input (same device and inode, or same real path:
 *    hard links and symlinks included), never replaces an existing file
 *    unless asked, and is written to a temporary file in the target folder
 *    and renamed into place, so an interrupted write leaves the old file or
 *    none, never half a file.
 */
import { constants, promises as fs, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { formatSwedish } from '../core/numbers';
import { CliError } from './errors';

const MiB = 1024 * 1024;

/** The largest input read: a 100 000-row ledger workbook is about 6 MB, Excel's own ceiling in practice ~100 MB. */
export const MAX_INPUT_BYTES = 256 * MiB;

const mb = (n: number) => `${formatSwedish(Math.round(n / MiB))} MB`;

/** Turns a file system error into a Swedish sentence naming the file. */
export function fileErrorMessage(e: unknown, path: string, action: 'read' | 'write'): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? `Filen finns inte: ${path}` : `Mappen finns inte: ${dirname(path)}`;
    case 'EISDIR':
      return `Sökvägen är en mapp, inte en fil: ${path}`;
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? `Behörighet saknas för att läsa filen: ${path}`
        : `Behörighet saknas för att skriva i mappen: ${dirname(path)}`;
    case 'EROFS':
      return `Mappen ligger på en skrivskyddad enhet och går inte att skriva i: ${dirname(path)}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Disken är full; ${path} skrevs inte.`;
    case 'ENOTDIR':
      return `Sökvägen är ogiltig (en del av den är en fil, inte en mapp): ${path}`;
    case 'ENAMETOOLONG':
      return `Sökvägen är för lång: ${path}`;
    case 'EBUSY':
      return `Filen är låst av ett annat program (är den öppen i Excel?): ${path}`;
    case 'ELOOP':
      return `Sökvägen har för många symboliska länkar i rad: ${path}`;
    case 'EIO':
      return `Läs- eller skrivfel på enheten: ${path}`;
    default:
      return action === 'read' ? `Filen kunde inte läsas: ${path}` : `Filen kunde inte skrivas: ${path}`;
  }
}

async function statOrThrow(path: string): Promise<Stats> {
  try {
    return await fs.stat(path);
  } catch (e) {
    throw new CliError(fileErrorMessage(e, path, 'read'));
  }
}

/**
 * Reads an input file whole, within MAX_INPUT_BYTES. A regular file's size is
 * known before reading; anything else (a pipe, a device) is read until it
 * ends or the limit is reached, and then refused.
 */
export async function readInputFile(path: string, limit = MAX_INPUT_BYTES): Promise<Uint8Array> {
  const st = await statOrThrow(path);
  if (st.isDirectory())
    throw new CliError(
      `Sökvägen är en mapp, inte en fil: ${path}. Ange en .xlsx-fil, eller --katalog för en hel mapp.`,
    );
  if (st.isFile() && st.size > limit)
    throw new CliError(`Filen är ${mb(st.size)}; Budgetkoll läser högst ${mb(limit)}: ${path}`);
  // A device (/dev/zero, a terminal) never ends or waits for typing; a pipe is read until it ends, within the limit.
  if (st.isCharacterDevice() || st.isBlockDevice() || st.isSocket())
    throw new CliError(
      `Sökvägen är en enhet, inte en fil: ${path}. Budgetkoll läser bara filer (högst ${mb(limit)}).`,
    );
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY);
  } catch (e) {
    throw new CliError(fileErrorMessage(e, path, 'read'));
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(4 * MiB, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit)
        throw new CliError(
          `Indata tar inte slut inom ${mb(limit)}; Budgetkoll läser högst ${mb(limit)}: ${path}`,
        );
    }
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(fileErrorMessage(e, path, 'read'));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function statMaybe(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch {
    return undefined;
  }
}

async function realPathMaybe(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    // The output usually does not exist yet: resolve its folder.
    try {
      return join(await fs.realpath(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** The same file: the same device and inode (hard links, symlinks), or the same real path (case-folded where the file system folds case). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = [await statMaybe(a), await statMaybe(b)];
  if (sa && sb && sa.dev === sb.dev && sa.ino === sb.ino) return true;
  const [x, y] = [await realPathMaybe(a), await realPathMaybe(b)];
  const fold = process.platform === 'win32' || process.platform === 'darwin';
  return fold ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** Temporary files not yet renamed into place, removed if the process is interrupted. */
const pending = new Set<string>();

/** Removes the temporary files of unfinished writes (on SIGINT/SIGTERM, or when a worker died). */
export function removePendingOutputs(extra: Iterable<string> = []): void {
  for (const p of [...pending, ...extra]) {
    try {
      unlinkSync(p);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

export interface OutputOptions {
  /** The input, which the output must never be. */
  input?: string;
  /** Replace an existing output file (the user said --skriv-over). */
  overwrite: boolean;
  /** Told about each temporary file as it is created and when it is gone (the worker tells its parent). */
  onTemp?: (path: string, live: boolean) => void;
}

/** An output file reserved before the work starts, and written in one step at the end. */
export interface OutputTarget {
  readonly path: string;
  /** Writes the bytes to the temporary file, flushes it and renames it over the target. */
  commit(bytes: Uint8Array): Promise<void>;
  /** Removes the temporary file (the command failed before writing). */
  abort(): Promise<void>;
}

/**
 * Checks an output path and reserves a temporary file beside it, so that a
 * folder that cannot be written fails before any work is done.
 */
export async function prepareOutput(out: string, options: OutputOptions): Promise<OutputTarget> {
  if (options.input !== undefined && (await sameFile(options.input, out)))
    throw new CliError(
      `Utfilen är samma fil som indatafilen (${out}); Budgetkoll ändrar aldrig indatafilen. Ange ett annat namn med -o.`,
    );
  const existing = await fs.lstat(out).catch(() => undefined);
  if (existing) {
    const target = existing.isSymbolicLink() ? await statMaybe(out) : existing;
    if (target?.isDirectory()) throw new CliError(`Utfilen är en mapp: ${out}. Ange ett filnamn med -o.`);
    if (!options.overwrite)
      throw new CliError(
        `Filen finns redan: ${out}. Ange --skriv-over för att ersätta den, eller ett annat namn med -o.`,
      );
    if (target && target.isFile() && (target.mode & 0o222) === 0)
      throw new CliError(`Filen är skrivskyddad och ersätts inte: ${out}`);
    if (target && !target.isFile()) throw new CliError(`Utfilen är ingen vanlig fil: ${out}`);
  }
  const folder = dirname(resolve(out));
  const folderStat = await statMaybe(folder);
  if (!folderStat) throw new CliError(`Mappen finns inte: ${dirname(out)}`);
  if (!folderStat.isDirectory())
    throw new CliError(`Sökvägen är ogiltig (en del av den är en fil, inte en mapp): ${out}`);
  const temp = join(folder, `.${basename(out)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
  } catch (e) {
    const code = (e as { code?: string }).code;
    // The folder exists, so ENOENT here means it does not take new files (e.g. /proc).
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM')
      throw new CliError(`Mappen går inte att skriva i: ${dirname(out)}`);
    throw new CliError(fileErrorMessage(e, out, 'write'));
  }
  pending.add(temp);
  // A replaced file keeps its permissions.
  if (existing?.isFile()) await handle.chmod(existing.mode & 0o777).catch(() => undefined);
  options.onTemp?.(temp, true);
  let open = true;
  const cleanup = async () => {
    if (open) {
      open = false;
      await handle.close().catch(() => undefined);
    }
    await fs.unlink(temp).catch(() => undefined);
    pending.delete(temp);
    options.onTemp?.(temp, false);
  };
  return {
    path: out,
    async commit(bytes) {
      try {
        await handle.writeFile(bytes);
        await handle.sync();
        open = false;
        await handle.close();
        await fs.rename(temp, out);
        pending.delete(temp);
        options.onTemp?.(temp, false);
      } catch (e) {
        await cleanup();
        throw new CliError(fileErrorMessage(e, out, 'write'));
      }
    },
    abort: cleanup,
  };
}
