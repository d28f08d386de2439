import { join } from 'node:path';
import type { Grid } from '../../core/grid';
import type { Settings } from '../../core/schemas';
import { analyzeSheet, validateSums } from '../../core/validate';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { countFindings, findingCounts, formatHumanReport } from '../humanReport';
import { unexpectedMessage } from '../errors';
import {
  CliError,
  EXIT,
  folderErrorMessage,
  type CliIO,
  type DirEntry,
  type FileResult,
  type FindingCounts,
} from '../io';
import { buildValidationReport, type SheetResult, type ValidationReport } from '../jsonReport';
import { loadGrids, noVisibleSheets, sheetsToUse } from '../workbook';

const USAGE = `Användning: budgetkoll validera <fil.xlsx> [--blad NAMN] [--json] [--alla]
       budgetkoll validera --katalog <mapp> [--json]

Läser arbetsboken och kontrollerar strukturen i varje synligt blad: vilka
tabeller som finns, deras enhet och teckenkonvention, kolumnernas roller
(utfall, budget, prognos, avvikelse) och radernas typ (post, delsumma, summa,
varav-rad ...). Varje summa, delsumma, avvikelse och varav-rad räknas om;
skillnader som avrundning kan förklara redovisas som upplysningar (som antal,
eller var för sig med --alla), större skillnader som fel. Tabeller på olika
blad jämförs med varandra. Anmärkningarna redovisas per blad och
allvarlighetsgrad. Inställningar som Budgetkoll sparat i arbetsboken används.

Flaggor:
  --blad NAMN       kontrollera bara bladet NAMN
  --katalog MAPP    kontrollera varje arbetsbok i MAPP, en sammanfattningsrad per fil
  --json            skriv resultatet som JSON (ett objekt per fil; med --katalog en lista)
  --alla            lista varje avrundningsskillnad, inte bara antalet
  -h, --help        visa den här hjälpen

Slutkod: 0 = inga fel, 1 = minst ett fel hittades,
         2 = filen eller argumenten kunde inte användas.
`;

function analyze(
  names: readonly string[],
  grids: ReadonlyMap<string, Grid>,
  settings: Settings,
): SheetResult[] {
  const list = names.map((name) => grids.get(name)!);
  return validateSums(list, settings).map((a, i) => {
    const findings =
      a.tables.length === 0
        ? analyzeSheet(list[i]!, settings).findings.filter((f) => f.code === 'NO_TABLE')
        : [];
    return { name: a.sheet, tables: a.tables, findings: [...findings, ...a.findings] };
  });
}

async function checkSheets(io: CliIO, file: string, only?: string): Promise<SheetResult[]> {
  let names: string[] = [];
  const wb = await loadGrids(io, file, (sheets) => (names = sheetsToUse(sheets, only)));
  if (names.length === 0) throw new CliError(noVisibleSheets(file, wb.sheets));
  return analyze(names, wb.grids, wb.settings);
}

/** Checks one workbook: the sheets to check are read into grids, the others are not parsed. */
export async function validateFile(io: CliIO, file: string, only?: string): Promise<ValidationReport> {
  return buildValidationReport(file, await checkSheets(io, file, only));
}

/**
 * Checks one workbook of a batch: its report, or with `summary` only its
 * findings counted (a summary line needs no more than that, and a report of
 * every row of every table is most of the work on a small workbook).
 */
export async function checkFile(io: CliIO, file: string, summary: boolean): Promise<FileResult> {
  try {
    if (!summary) return { file, report: await validateFile(io, file) };
    const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
    for (const s of await checkSheets(io, file)) for (const f of s.findings) counts[f.severity] += 1;
    return { file, counts };
  } catch (e) {
    return { file, error: e instanceof CliError ? e.message : unexpectedMessage(e) };
  }
}

/** Files a batch check looks at: workbooks, and the formats a nämnd may send instead (they get a line saying so). */
const BATCH_FILE = /\.(xlsx|xlsm|xltx|xls|xlsb|ods|csv)$/i;

async function validateInProcess(
  io: CliIO,
  files: readonly string[],
  onResult: (r: FileResult) => boolean | void,
  options: { summary: boolean },
): Promise<void> {
  for (const file of files) if (onResult(await checkFile(io, file, options.summary)) === false) return;
}

/** The central office's batch check: one line per workbook in a folder. */
async function validateFolder(io: CliIO, folder: string, json: boolean): Promise<number> {
  let entries: DirEntry[];
  try {
    entries = await io.listDir(folder);
  } catch (e) {
    throw new CliError(folderErrorMessage(e, folder));
  }
  const chosen = entries
    .filter((e) => BATCH_FILE.test(e.name) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  if (chosen.length === 0) throw new CliError(`Inga arbetsböcker (.xlsx) i mappen: ${folder}`);
  let exit: number = EXIT.OK;
  const results = new Map<string, FileResult>();
  const order = chosen.map((e) => join(folder, e.name));
  let printed = 0;
  // Lines come out in name order even when files are checked in parallel.
  const flush = () => {
    while (printed < order.length && results.has(order[printed]!)) {
      const r = results.get(order[printed]!)!;
      const name = chosen[printed]!.name;
      printed++;
      if ('error' in r) {
        exit = EXIT.UNUSABLE;
        if (!json) io.stdout(`${name}: KAN INTE LÄSAS – ${r.error}\n`);
        continue;
      }
      const c = 'counts' in r ? r.counts : countFindings(r.report);
      if (c.error > 0 && exit === EXIT.OK) exit = EXIT.FINDINGS;
      if (!json) io.stdout(`${name}: ${c.error === 0 ? 'OK' : 'FEL'} – ${findingCounts(c)}\n`);
    }
    return !io.outputClosed?.();
  };
  const readable: string[] = [];
  chosen.forEach((e, i) => {
    const file = order[i]!;
    if (e.kind === 'file') readable.push(file);
    else
      results.set(file, {
        file,
        error:
          e.kind === 'folder'
            ? `Sökvägen är en mapp, inte en fil: ${file}`
            : `Sökvägen är ingen vanlig fil: ${file}`,
      });
  });
  flush();
  const onResult = (r: FileResult) => {
    results.set(r.file, r);
    return flush();
  };
  // Summary lines need only the counts; --json needs every report.
  const options = { summary: !json };
  if (io.validateFiles) await io.validateFiles(readable, onResult, options);
  else await validateInProcess(io, readable, onResult, options);
  if (json) {
    const list = order.map((file) => {
      const r = results.get(file)!;
      if ('error' in r) return { file, error: r.error };
      if ('report' in r) return r.report;
      throw new Error(`no report for ${file}`);
    });
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
  }
  return exit;
}

export const validera: Command = {
  name: 'validera',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        blad: { type: 'string' },
        katalog: { type: 'string' },
        json: { type: 'boolean' },
        alla: { type: 'boolean' },
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
      if (values.blad !== undefined)
        throw new CliError('--blad gäller en arbetsbok; med --katalog kontrolleras alla synliga blad.');
      return validateFolder(io, values.katalog, values.json === true);
    }
    if (positionals.length === 0) throw new CliError('Ange en arbetsbok: budgetkoll validera <fil.xlsx>');
    if (positionals.length > 1)
      throw new CliError(`Ange en arbetsbok åt gången (fick ${positionals.length}).`);
    const file = positionals[0]!;
    const report = await validateFile(io, file, typeof values.blad === 'string' ? values.blad : undefined);
    io.stdout(
      values.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatHumanReport(report, { all: values.alla === true }),
    );
    return countFindings(report).error > 0 ? EXIT.FINDINGS : EXIT.OK;
  },
};
