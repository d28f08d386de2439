import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The same file, also through a symlink or another letter case on Windows and macOS. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => {
    try {
      return await realpath(p);
    } catch {
      // The output usually does not exist yet: resolve its folder.
      try {
        return join(await realpath(dirname(resolve(p))), basename(p));
      } catch {
        return resolve(p);
      }
    }
  };
  const [x, y] = [await real(a), await real(b)];
  const fold = process.platform === 'win32' || process.platform === 'darwin';
  return fold ? x.toLowerCase() === y.toLowerCase() : x === y;
}
import { computeDeviations } from '../../core/plan/deviations';
import type { Finding, ForecastMethod, Settings } from '../../core/schemas';
import { findSheet, type WorkbookModel } from '../../workbook/model';
import { modelToGrid } from '../../xlsx';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { GatewaySession } from '../gatewaySession';
import { CliError, EXIT, fileErrorMessage } from '../io';
import { isStoreSheet, loadWorkbookFile, workbookSettings } from '../workbook';

const USAGE = `Användning: budgetkoll berakna <in.xlsx> -o <ut.xlsx> [--blad NAMN]
         [--prognosmetod utfall-plus-budget|linjar|fjolar] [--period ÅÅÅÅ-MM] [--skriv-over]

Fyller avvikelsekolumnerna med formler (t.ex. =C7-D7) enligt tabellens
teckenkonvention och föreslår helårsprognos där prognoscellen är tom.
Saknade avvikelsekolumner läggs in på standardplatsen. Resultatet skrivs
till en ny fil; indatafilen ändras aldrig.

Flaggor:
  -o, --ut FIL          filen som ska skrivas (.xlsx, inte samma som indatafilen)
  --blad NAMN           bara bladet NAMN (annars alla synliga blad)
  --prognosmetod METOD  utfall-plus-budget (standard), linjar eller fjolar
  --period ÅÅÅÅ-MM      rapportperioden, t.ex. 2024-08 (annars läses den ur bladet)
  --skriv-over          skriv över prognoser som redan är ifyllda
  -h, --help            visa den här hjälpen
`;

const METHODS: Record<string, ForecastMethod> = {
  'utfall-plus-budget': 'utfall_plus_budget',
  linjar: 'linear',
  fjolar: 'prior_year_profile',
};

function sheetNames(model: WorkbookModel, only: string | undefined): string[] {
  if (only === undefined)
    return model.sheets.filter((s) => s.visibility === 'Visible' && !isStoreSheet(s.name)).map((s) => s.name);
  const sheet = findSheet(model, only);
  if (!sheet || isStoreSheet(sheet.name)) throw new CliError(`Bladet finns inte: ${only}`);
  return [sheet.name];
}

function severityWord(f: Finding): string {
  return f.severity === 'error' ? 'Fel' : f.severity === 'warning' ? 'Varning' : 'Information';
}

export const berakna: Command = {
  name: 'berakna',
  summary: 'fyll i avvikelser och prognosförslag, skriv till en ny fil',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ut: { type: 'string', short: 'o' },
        blad: { type: 'string' },
        prognosmetod: { type: 'string' },
        period: { type: 'string' },
        'skriv-over': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      'berakna',
    );
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.OK;
    }
    if (positionals.length !== 1)
      throw new CliError('Ange en arbetsbok: budgetkoll berakna <in.xlsx> -o <ut.xlsx>');
    const input = positionals[0]!;
    const out = values.ut;
    if (typeof out !== 'string' || out === '')
      throw new CliError('Ange utfil: budgetkoll berakna in.xlsx -o ut.xlsx');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`Utfilen ska sluta på .xlsx: ${out}`);
    if (await sameFile(input, out))
      throw new CliError(
        'Utfilen får inte vara samma som indatafilen; Budgetkoll ändrar aldrig indatafilen.',
      );
    let method: ForecastMethod | undefined;
    if (typeof values.prognosmetod === 'string') {
      method = METHODS[values.prognosmetod];
      if (!method)
        throw new CliError(
          `Okänd prognosmetod: ${values.prognosmetod}. Välj utfall-plus-budget, linjar eller fjolar.`,
        );
    }
    const period = typeof values.period === 'string' ? values.period : undefined;
    if (period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
      throw new CliError(`Perioden ska skrivas ÅÅÅÅ-MM, t.ex. 2024-08 (fick ${period}).`);

    const { bytes, model } = await loadWorkbookFile(io, input);
    const stored = workbookSettings(model);
    const settings: Settings = {
      ...stored,
      ...(method ? { forecastMethod: method } : {}),
      ...(period ? { period } : {}),
      ...(values['skriv-over'] ? { overwriteForecasts: true } : {}),
    };
    const lines: string[] = [];
    let written = 0;
    let errors = 0;
    // The add-in's own gateway over the simulated host; the user's file is then patched with what it did.
    const session = new GatewaySession(model);
    for (const name of sheetNames(model, typeof values.blad === 'string' ? values.blad : undefined)) {
      const grid = modelToGrid(model, name);
      const result = computeDeviations(grid, settings);
      if (result.summary.tables === 0) continue;
      written += await session.apply(result.plan, grid, {
        command: 'computeDeviations',
        description: `Beräkna avvikelser på bladet ${name}`,
      });
      const s = result.summary;
      lines.push(
        `Blad "${name}": ${s.deviationCells} avvikelseceller, ${s.forecastsProposed} prognosförslag, ${s.userForecastsKept} egna prognoser behållna` +
          (s.insertedColumns.length ? `, nya kolumner: ${s.insertedColumns.join(', ')}` : '') +
          '.',
      );
      for (const f of result.findings) {
        if (f.severity === 'error') errors++;
        lines.push(`  ${severityWord(f)} ${f.cell}: ${f.message}`);
      }
    }
    if (lines.length === 0) throw new CliError(`Ingen budgettabell hittades i ${input}.`);
    const output = await session.write(bytes);
    try {
      await io.writeFile(out, output);
    } catch (e) {
      throw new CliError(fileErrorMessage(e, out, 'write'));
    }
    io.stdout(
      `${lines.join('\n')}\nSkrev ${out} (${written} celler ändrade). Föreslagna prognoser är kursiva med gul fyllning.\n`,
    );
    return errors > 0 ? EXIT.FINDINGS : EXIT.OK;
  },
};
