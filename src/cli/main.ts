/**
 * The budgetkoll command line. `runCli` is pure with respect to its IO object,
 * so tests run it in-process; `main` wires it to the real process: safe
 * output (pipes that close, full disks), and the work on a user's file in a
 * memory-limited worker (isolate.ts).
 */
import pkg from '../../package.json';
import type { CommandEntry } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, unexpectedMessage } from './errors';
import { removePendingOutputs } from './files';
import { nodeIO, type CliIO } from './io';
import { runCommandInWorker, workerValidator } from './isolate';
import { processOutput } from './output';

export const VERSION: string = pkg.version;

export function overview(commands: readonly CommandEntry[] = COMMANDS): string {
  const width = commands.reduce((w, c) => Math.max(w, c.name.length), 0);
  return [
    'Budgetkoll – kontroll av budgetuppföljningen i socialnämndens arbetsböcker',
    '',
    'Användning: budgetkoll <kommando> [argument]',
    '',
    'Kommandon:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Flaggor:',
    '  -h, --help     visa den här hjälpen',
    '  -v, --version  visa versionen',
    '',
    'Hjälp för ett kommando: budgetkoll <kommando> --help',
    '',
  ].join('\n');
}

const HELP = new Set(['-h', '--help', 'hjälp', 'help']);

export async function runCli(
  argv: readonly string[],
  io: CliIO,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first !== undefined && HELP.has(first)) {
      const target = rest[0] ? commands.find((c) => c.name === rest[0]) : undefined;
      io.stdout(target ? (await target.load()).usage : overview(commands));
      return EXIT.OK;
    }
    if (first === '-v' || first === '--version') {
      io.stdout(`budgetkoll ${VERSION}\n`);
      return EXIT.OK;
    }
    if (first === undefined) {
      io.stderr(overview(commands));
      return EXIT.UNUSABLE;
    }
    const entry = commands.find((c) => c.name === first);
    if (!entry) {
      io.stderr(`budgetkoll: Okänt kommando: ${first}\n\n${overview(commands)}`);
      return EXIT.UNUSABLE;
    }
    return await (await entry.load()).run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`budgetkoll: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`budgetkoll: ${unexpectedMessage(e)}\n`);
    return EXIT.UNUSABLE;
  }
}

/** Commands that read or write a user's workbook run isolated; help, version and the sample need no worker. */
function readsUserFile(argv: readonly string[]): boolean {
  const [first, ...rest] = argv;
  if (first !== 'validera' && first !== 'berakna') return false;
  return !rest.some((a) => HELP.has(a));
}

function isBatch(argv: readonly string[]): boolean {
  return argv[0] === 'validera' && argv.some((a) => a === '--katalog' || a.startsWith('--katalog='));
}

export interface MainOptions {
  /** The bundled worker script (bin/budgetkoll.js passes it); without one, everything runs in this thread. */
  workerScript?: string;
}

/** Entry point for bin/budgetkoll.js. Sets the exit code rather than exiting, so piped output is flushed. */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  options: MainOptions = {},
): Promise<void> {
  const out = processOutput();
  const io: CliIO = { ...nodeIO(), stdout: out.stdout, stderr: out.stderr, outputClosed: out.closed };
  let code: number;
  try {
    if (options.workerScript && readsUserFile(argv) && !isBatch(argv))
      code = await runCommandInWorker(options.workerScript, argv, out);
    else {
      if (options.workerScript && isBatch(argv)) io.validateFiles = workerValidator(options.workerScript);
      const stop = (signal: NodeJS.Signals) => {
        removePendingOutputs();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      code = await runCli(argv, io);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } catch (e) {
    out.stderr(`budgetkoll: ${unexpectedMessage(e)}\n`);
    code = EXIT.UNUSABLE;
  }
  process.exitCode = out.failed() ? EXIT.UNUSABLE : code;
}
