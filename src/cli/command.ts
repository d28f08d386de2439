import type { CliIO } from './io';

/** One subcommand of budgetkoll. Adding a command = one file exporting this, listed in commands/index.ts. */
export interface Command {
  name: string;
  /** Full Swedish help, printed by `budgetkoll <namn> --help`. */
  usage: string;
  /** Returns the exit code; throws CliError for unusable input. */
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * A command as the overview lists it. The command itself is loaded only when
 * it runs, so `budgetkoll --help` loads no workbook reader, core or ExcelJS.
 */
export interface CommandEntry {
  name: string;
  /** One Swedish line for the overview. */
  summary: string;
  load(): Promise<Command>;
}
