import { buildSampleWorkbook } from '../../sample/buildSample';
import { writeXlsx } from '../../xlsx/write';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { CliError, EXIT } from '../io';

const USAGE = `Användning: budgetkoll exempel -o <fil.xlsx> [--skriv-over]

Skriver en exempelarbetsbok med socialnämndens delårsrapport per augusti 2024
(Ekerö): bladen Resultatrapport, Verksamhetsrapport och Följetal. Summorna är
formler, så arbetsboken går att kontrollera och räkna om.

Flaggor:
  -o, --ut FIL    filen som ska skrivas (.xlsx)
  --skriv-over    skriv över filen om den redan finns
  -h, --help      visa den här hjälpen
`;

export const exempel: Command = {
  name: 'exempel',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ut: { type: 'string', short: 'o' },
        'skriv-over': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      'exempel',
    );
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.OK;
    }
    if (positionals.length)
      throw new CliError(`Okänt argument till exempel: ${positionals[0]}. Ange utfilen med -o.`);
    const out = values.ut;
    if (typeof out !== 'string' || out === '')
      throw new CliError('Ange utfil: budgetkoll exempel -o exempel.xlsx');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`Utfilen ska sluta på .xlsx: ${out}`);
    const target = await io.prepareOutput(out, { overwrite: values['skriv-over'] === true });
    const model = buildSampleWorkbook();
    try {
      await target.commit(await writeXlsx(model));
    } catch (e) {
      await target.abort();
      throw e;
    }
    io.stdout(`Skrev exempelarbetsboken ${out} (blad: ${model.sheets.map((s) => s.name).join(', ')}).\n`);
    return EXIT.OK;
  },
};
