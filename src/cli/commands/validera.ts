import { analyzeSheet } from '../../core/validateStructure';
import type { Settings } from '../../core/schemas';
import type { WorkbookModel } from '../../workbook/model';
import { findSheet } from '../../workbook/model';
import { modelToGrid } from '../../xlsx/grid';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { countFindings, formatHumanReport } from '../humanReport';
import { CliError, EXIT } from '../io';
import { buildValidationReport, type SheetResult } from '../jsonReport';
import { isStoreSheet, loadWorkbook, workbookSettings } from '../workbook';

const USAGE = `Användning: budgetkoll validera <fil.xlsx> [--blad NAMN] [--json]

Läser arbetsboken och kontrollerar strukturen i varje synligt blad: vilka
tabeller som finns, deras enhet och teckenkonvention, kolumnernas roller
(utfall, budget, prognos, avvikelse) och radernas typ (post, delsumma, summa,
varav-rad ...). Anmärkningarna redovisas per blad och allvarlighetsgrad.
Inställningar som Budgetkoll sparat i arbetsboken används.

Flaggor:
  --blad NAMN   kontrollera bara bladet NAMN
  --json        skriv resultatet som ett JSON-objekt (för skript)
  -h, --help    visa den här hjälpen

Slutkod: 0 = inga fel, 1 = minst ett fel hittades,
         2 = filen eller argumenten kunde inte användas.
`;

function sheetsToCheck(model: WorkbookModel, only: string | undefined): string[] {
  if (only === undefined) {
    return model.sheets.filter((s) => s.visibility === 'Visible' && !isStoreSheet(s.name)).map((s) => s.name);
  }
  const sheet = findSheet(model, only);
  if (!sheet || isStoreSheet(sheet.name)) {
    const names = model.sheets.filter((s) => !isStoreSheet(s.name)).map((s) => s.name);
    throw new CliError(`Bladet finns inte: ${only}. Bladen i arbetsboken: ${names.join(', ')}`);
  }
  return [sheet.name];
}

function analyze(model: WorkbookModel, names: string[], settings: Settings): SheetResult[] {
  return names.map((name) => {
    const analysis = analyzeSheet(modelToGrid(model, name), settings);
    return { name, tables: analysis.tables, findings: analysis.findings };
  });
}

export const validera: Command = {
  name: 'validera',
  summary: 'kontrollera tabellerna i en arbetsbok (.xlsx)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { blad: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      'validera',
    );
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.OK;
    }
    if (positionals.length === 0) throw new CliError('Ange en arbetsbok: budgetkoll validera <fil.xlsx>');
    if (positionals.length > 1)
      throw new CliError(`Ange en arbetsbok åt gången (fick ${positionals.length}).`);
    const file = positionals[0]!;
    const model = await loadWorkbook(io, file);
    const names = sheetsToCheck(model, typeof values.blad === 'string' ? values.blad : undefined);
    const report = buildValidationReport(file, analyze(model, names, workbookSettings(model)));
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatHumanReport(report));
    return countFindings(report).error > 0 ? EXIT.FINDINGS : EXIT.OK;
  },
};
