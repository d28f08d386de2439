/**
 * The budgetkoll command line. `runCli` is pure with respect to its IO object,
 * so tests run it in-process; `main` wires it to the real process.
 */
import pkg from '../../package.json';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, nodeIO, type CliIO } from './io';

export const VERSION: string = pkg.version;

export function overview(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
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

export async function runCli(
  argv: readonly string[],
  io: CliIO,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '-h' || first === '--help' || first === 'hjälp' || first === 'help') {
      const target = rest[0] ? commands.find((c) => c.name === rest[0]) : undefined;
      io.stdout(target ? target.usage : overview(commands));
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
    const command = commands.find((c) => c.name === first);
    if (!command) {
      io.stderr(`budgetkoll: Okänt kommando: ${first}\n\n${overview(commands)}`);
      return EXIT.UNUSABLE;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`budgetkoll: ${e.message}\n`);
      return e.exitCode;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(`budgetkoll: Oväntat fel: ${detail.split('\n')[0]}\n`);
    return EXIT.UNUSABLE;
  }
}

/** Entry point for bin/budgetkoll.js. Sets the exit code rather than exiting, so piped output is flushed. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, nodeIO());
}
