import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** node's parseArgs with its English errors turned into Swedish ones. */
export function parseCommandArgs(args: string[], options: Options, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const name = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    const flag = name.replace(/ <value>$/, '');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new CliError(`Okänd flagga för ${command}: ${flag}. Se budgetkoll ${command} --help.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new CliError(`Flaggan ${flag} behöver ett värde. Se budgetkoll ${command} --help.`);
    }
    throw new CliError(`Felaktiga argument till ${command}. Se budgetkoll ${command} --help.`);
  }
}
