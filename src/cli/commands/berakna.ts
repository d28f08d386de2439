import { computeDeviations } from '../../core/plan/deviations';
import type { Finding, ForecastMethod, Settings } from '../../core/schemas';
import type { WorkbookModel } from '../../workbook/model';
import { modelToGrid } from '../../xlsx';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import type { OutputTarget } from '../files';
import { CliError, EXIT, type CliIO } from '../io';
import { count, SEVERITY_WORDS } from '../labels';
import { GatewaySession } from '../gatewaySession';
import { isStoreSheet, loadWorkbookFile, noVisibleSheets, sheetsToUse, workbookSettings } from '../workbook';

const USAGE = `Användning: budgetkoll berakna <in.xlsx> -o <ut.xlsx> [--blad NAMN]
         [--prognosmetod utfall-plus-budget|linjar|fjolar] [--period ÅÅÅÅ-MM]
         [--skriv-over-prognoser] [--skriv-over]

Fyller avvikelsekolumnerna med formler (t.ex. =C7-D7) enligt tabellens
teckenkonvention och föreslår helårsprognos där prognoscellen är tom.
Saknade avvikelsekolumner läggs in på standardplatsen. Resultatet skrivs
till en ny fil; indatafilen ändras aldrig, och en befintlig fil ersätts bara
med --skriv-over.

Flaggor:
  -o, --ut FIL          filen som ska skrivas (.xlsx, inte samma som indatafilen)
  --blad NAMN           bara bladet NAMN (annars alla synliga blad)
  --prognosmetod METOD  utfall-plus-budget (standard), linjar eller fjolar
  --period ÅÅÅÅ-MM      rapportperioden, t.ex. 2024-08 (annars läses den ur bladet)
  --skriv-over-prognoser  skriv över prognoser som redan är ifyllda (annars behålls de)
  --skriv-over          ersätt utfilen om den redan finns
  -h, --help            visa den här hjälpen

Slutkod: 0 = filen skrevs, 1 = filen skrevs men minst ett fel hittades,
         2 = filen eller argumenten kunde inte användas (ingen fil skrevs).
`;

const METHODS: Record<string, ForecastMethod> = {
  'utfall-plus-budget': 'utfall_plus_budget',
  linjar: 'linear',
  fjolar: 'prior_year_profile',
};

function severityWord(f: Finding): string {
  return SEVERITY_WORDS[f.severity];
}

export const berakna: Command = {
  name: 'berakna',
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
        'skriv-over-prognoser': { type: 'boolean' },
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
    const overwrite = values['skriv-over'] === true;
    // --skriv-over used to mean "overwrite my forecasts"; an old call names no existing file to replace.
    if (overwrite && !(await io.exists(out)))
      throw new CliError(
        `--skriv-over ersätter en befintlig utfil, och ${out} finns inte. ` +
          'För att skriva över prognoser som redan är ifyllda: ange --skriv-over-prognoser.',
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

    if (!(await io.exists(input))) throw new CliError(`Filen finns inte: ${input}`);
    // Reserved before the work: a folder that cannot be written fails now, not after the computation.
    const target = await io.prepareOutput(out, { input, overwrite });
    try {
      const { text, exit } = await computeAndWrite(io, input, values, method, period, target);
      io.stdout(text);
      return exit;
    } catch (e) {
      await target.abort();
      throw e;
    }
  },
};

/**
 * Like the add-in, berakna does not write into a protected sheet, nor add its
 * settings sheet to a workbook whose structure is protected; Excel would refuse both.
 */
function refuseProtected(model: WorkbookModel, names: readonly string[]): void {
  for (const name of names) {
    if (model.sheets.find((s) => s.name === name)?.protected)
      throw new CliError(
        `Bladet ”${name}” är skyddat, så Budgetkoll skriver inte i det. Ta bort bladskyddet i Excel ` +
          '(Granska → Ta bort bladskydd) och kör igen, eller välj ett annat blad med --blad.',
      );
  }
  if (model.structureProtected && !model.sheets.some((s) => isStoreSheet(s.name)))
    throw new CliError(
      'Arbetsbokens struktur är skyddad, så Budgetkoll kan inte lägga till sitt dolda blad för inställningar och ' +
        'ångra-historik. Ta bort skyddet i Excel (Granska → Skydda arbetsbok) och kör igen.',
    );
}

interface Values {
  blad?: string | boolean;
  'skriv-over-prognoser'?: string | boolean;
}

async function computeAndWrite(
  io: CliIO,
  input: string,
  values: Values,
  method: ForecastMethod | undefined,
  period: string | undefined,
  target: OutputTarget,
): Promise<{ text: string; exit: number }> {
  const out = target.path;
  const { bytes, model } = await loadWorkbookFile(io, input);
  const stored = workbookSettings(model);
  const settings: Settings = {
    ...stored,
    ...(method ? { forecastMethod: method } : {}),
    ...(period ? { period } : {}),
    ...(values['skriv-over-prognoser'] ? { overwriteForecasts: true } : {}),
  };
  const lines: string[] = [];
  let written = 0;
  let errors = 0;
  const names = sheetsToUse(model.sheets, typeof values.blad === 'string' ? values.blad : undefined);
  if (names.length === 0) throw new CliError(noVisibleSheets(input, model.sheets));
  refuseProtected(model, names);
  // The add-in's own gateway over the simulated host; the user's file is then patched with what it did.
  const session = new GatewaySession(model);
  for (const name of names) {
    const grid = modelToGrid(model, name);
    const result = computeDeviations(grid, settings);
    if (result.summary.tables === 0) continue;
    written += await session.apply(result.plan, grid, {
      command: 'computeDeviations',
      description: `Beräkna avvikelser på bladet ${name}`,
    });
    const s = result.summary;
    lines.push(
      `Blad "${name}": ${count(s.deviationCells, 'avvikelsecell', 'avvikelseceller')}, ` +
        `${count(s.forecastsProposed, 'prognosförslag')}, ` +
        `${count(s.userForecastsKept, 'egen prognos behållen', 'egna prognoser behållna')}` +
        (s.insertedColumns.length ? `, nya kolumner: ${s.insertedColumns.join(', ')}` : '') +
        '.',
    );
    for (const f of result.findings) {
      if (f.severity === 'error') errors++;
      lines.push(`  ${severityWord(f)} ${f.cell}: ${f.message}`);
    }
  }
  if (lines.length === 0) throw new CliError(`Ingen budgettabell hittades i ${input}.`);
  await target.commit(await session.write(bytes));
  return {
    text:
      `${lines.join('\n')}\nSkrev ${out} (${count(written, 'cell ändrad', 'celler ändrade')}). ` +
      'Föreslagna prognoser är kursiva med gul fyllning.\n',
    exit: errors > 0 ? EXIT.FINDINGS : EXIT.OK,
  };
}
