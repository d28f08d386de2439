/**
 * Standard output and error of the real process. A reader that goes away
 * (`budgetkoll validera … | head -1`) ends the output quietly: the command
 * keeps its exit code and stops writing. A write that fails for any other
 * reason (`> /dev/full`) gives one Swedish line on stderr and exit code 2,
 * never Node's "Unhandled 'error' event" and a stack trace.
 */
import { EXIT } from './errors';

export interface ProcessOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The reader of stdout is gone, or stdout failed: nothing more is written there. */
  closed(): boolean;
  /** Stdout failed (not merely closed by its reader): the exit code must be 2. */
  failed(): boolean;
}

function outputErrorMessage(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'Resultatet kunde inte skrivas: disken är full.';
  if (code === 'EIO') return 'Resultatet kunde inte skrivas: läs- eller skrivfel på enheten.';
  if (code === 'EACCES' || code === 'EPERM') return 'Resultatet kunde inte skrivas: behörighet saknas.';
  return `Resultatet kunde inte skrivas${typeof code === 'string' ? ` (${code})` : ''}.`;
}

const CLOSED = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export function processOutput(): ProcessOutput {
  let closed = false;
  let failed = false;
  let stderrGone = false;
  const writeStderr = (text: string) => {
    if (stderrGone) return;
    try {
      process.stderr.write(text);
    } catch {
      stderrGone = true;
    }
  };
  const onStdoutError = (e: unknown) => {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && CLOSED.has(code)) {
      closed = true;
      return;
    }
    if (failed) return;
    failed = true;
    closed = true;
    writeStderr(`budgetkoll: ${outputErrorMessage(e)}\n`);
    process.exitCode = EXIT.UNUSABLE;
  };
  process.stdout.on('error', onStdoutError);
  process.stderr.on('error', () => {
    stderrGone = true;
  });
  return {
    stdout(text) {
      if (closed || text === '') return;
      try {
        process.stdout.write(text);
      } catch (e) {
        onStdoutError(e);
      }
    },
    stderr: writeStderr,
    closed: () => closed,
    failed: () => failed,
  };
}
