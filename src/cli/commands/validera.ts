import { analyzeSheet, validateSums } from '../../core/validate';
import type { Settings } from '../../core/schemas';
import type { WorkbookModel } from '../../workbook/model';
import { findSheet } from '../../workbook/model';
import { modelToGrid } from '../../xlsx/grid';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { countFindings, formatHumanReport } from '../humanReport';
import { CliError, EXIT, fileErrorMessage, type CliIO } from '../io';
import { join } from 'node:path';
import { buildValidationReport, type SheetResult, type ValidationReport } from '../jsonReport';
import { isStoreSheet, loadWorkbook, workbookSettings } from '../workbook';

const USAGE = `Användning: budgetkoll validera <fil.xlsx> [--blad NAMN] [--json]
       budgetkoll validera --katalog <mapp> [--json]

Läser arbetsboken och kontrollerar strukturen i varje synligt blad: vilka
tabeller som finns, deras enhet och teckenkonvention, kolumnernas roller
(utfall, budget, prognos, avvikelse) och radernas typ (post, delsumma, summa,
varav-rad ...). Varje summa, delsumma, avvikelse och varav-rad räknas om;
skillnader som avrundning kan förklara redovisas som upplysningar, större
skillnader som fel. Tabeller på olika blad jämförs med varandra.
Anmärkningarna redovisas per blad och allvarlighetsgrad.
Inställningar som Budgetkoll sparat i arbetsboken används.

Flaggor:
  --blad NAMN       kontrollera bara bladet NAMN
  --katalog MAPP    kontrollera varje .xlsx-fil i MAPP, en sammanfattningsrad per fil
  --json            skriv resultatet som JSON (ett objekt per fil; med --katalog en lista)
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
  const grids = names.map((name) => modelToGrid(model, name));
  return validateSums(grids, settings).map((a, i) => {
    const findings =
      a.tables.length === 0
        ? analyzeSheet(grids[i]!, settings).findings.filter((f) => f.code === 'NO_TABLE')
        : [];
    return { name: a.sheet, tables: a.tables, findings: [...findings, ...a.findings] };
  });
}

async function validateFile(io: CliIO, file: string, only?: string): Promise<ValidationReport> {
  const model = await loadWorkbook(io, file);
  return buildValidationReport(file, analyze(model, sheetsToCheck(model, only), workbookSettings(model)));
}

/** The central office's batch check: one line per workbook in a folder. */
async function validateFolder(io: CliIO, folder: string, json: boolean): Promise<number> {
  let names: string[];
  try {
    names = await io.listDir(folder);
  } catch (e) {
    throw new CliError(fileErrorMessage(e, folder, 'read').replace('Filen', 'Mappen'));
  }
  const files = names
    .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$'))
    .sort((a, b) => a.localeCompare(b, 'sv'));
  if (files.length === 0) throw new CliError(`Inga .xlsx-filer i mappen: ${folder}`);
  let exit: number = EXIT.OK;
  const reports: unknown[] = [];
  for (const name of files) {
    const file = join(folder, name);
    try {
      const report = await validateFile(io, file);
      const c = countFindings(report);
      if (c.error > 0 && exit === EXIT.OK) exit = EXIT.FINDINGS;
      reports.push(report);
      if (!json)
        io.stdout(
          `${name}: ${c.error === 0 ? 'OK' : 'FEL'} – ${c.error} fel, ${c.warning} varningar, ${c.info} upplysningar\n`,
        );
    } catch (e) {
      exit = EXIT.UNUSABLE;
      const message = e instanceof CliError ? e.message : `filen kunde inte läsas`;
      reports.push({ file, error: message });
      if (!json) io.stdout(`${name}: KAN INTE LÄSAS – ${message}\n`);
    }
  }
  if (json) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  return exit;
}

export const validera: Command = {
  name: 'validera',
  summary: 'kontrollera tabellerna i en arbetsbok (.xlsx)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        blad: { type: 'string' },
        katalog: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      'validera',
    );
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.OK;
    }
    if (typeof values.katalog === 'string') {
      if (positionals.length > 0) throw new CliError('Ange antingen en fil eller --katalog, inte båda.');
      return validateFolder(io, values.katalog, values.json === true);
    }
    if (positionals.length === 0) throw new CliError('Ange en arbetsbok: budgetkoll validera <fil.xlsx>');
    if (positionals.length > 1)
      throw new CliError(`Ange en arbetsbok åt gången (fick ${positionals.length}).`);
    const file = positionals[0]!;
    const report = await validateFile(io, file, typeof values.blad === 'string' ? values.blad : undefined);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatHumanReport(report));
    return countFindings(report).error > 0 ? EXIT.FINDINGS : EXIT.OK;
  },
};
