/** A failure the user can act on: one Swedish line on stderr and an exit code. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.UNUSABLE) {
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
  /** The input could not be used: missing or unreadable file, not .xlsx, unknown sheet, bad arguments, output not written. */
  UNUSABLE: 2,
} as const;

/** What the user reads when the program itself failed: one line, no stack trace. */
export function unexpectedMessage(e: unknown): string {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
  return `Oväntat fel i Budgetkoll (ett programfel, inte ett fel i arbetsboken): ${detail}`;
}
